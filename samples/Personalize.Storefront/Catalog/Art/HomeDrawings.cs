namespace Personalize.Storefront.Catalog.Art;

/// <summary>The home shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class HomeDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Table lamp"] = """
            <rect class="m" x="97" y="74" width="6" height="12"/>
            <path class="w" d="M80 124 Q76 106 90 96 Q84 88 94 82 H106 Q116 88 110 96 Q124 106 120 124 Z"/>
            <path class="a" d="M64 28 H136 L152 76 H48 Z"/>
            <path class="nw t" d="M70 36 L60 68"/>
            <path class="n t" d="M124 76 V94"/><circle class="m" cx="124" cy="96" r="3"/>
            """,
        ["Wool throw"] = """
            <path class="n t" d="M40 64 H30 M40 74 H30 M40 84 H30 M40 94 H30 M40 104 H30 M160 64 H170 M160 74 H170 M160 84 H170 M160 94 H170 M160 104 H170"/>
            <rect class="a" x="40" y="56" width="120" height="58" rx="10"/>
            <path class="nw t" d="M70 56 V114 M100 56 V114 M130 56 V114 M40 76 H160 M40 96 H160"/>
            <path class="n t" d="M44 70 Q100 64 156 70"/>
            <path class="w" d="M52 42 H148 Q156 42 156 50 V58 H44 V50 Q44 42 52 42 Z"/>
            """,
        ["Scented candle"] = """
            <path class="fl" d="M100 26 Q111 40 105 50 Q100 55 95 50 Q89 40 100 26 Z"/>
            <path class="n t" d="M100 64 V52"/>
            <path class="gl" d="M66 56 H134 V116 Q134 124 126 124 H74 Q66 124 66 116 Z"/>
            <path class="w" d="M67 64 H133 V116 Q133 123 126 123 H74 Q67 123 67 116 Z"/>
            <rect class="a" x="74" y="84" width="52" height="28" rx="3"/>
            <path class="lf" d="M100 88 Q112 92 108 106 Q94 104 100 88 Z"/>
            """,
        ["Ceramic vase"] = """
            <path class="n" d="M96 40 Q88 22 70 14 M104 40 Q112 20 132 12"/>
            <ellipse class="lf" cx="80" cy="24" rx="7" ry="4" transform="rotate(30 80 24)"/><ellipse class="lf" cx="72" cy="12" rx="7" ry="4"/><ellipse class="lf" cx="118" cy="22" rx="7" ry="4" transform="rotate(-30 118 22)"/><ellipse class="lf" cx="132" cy="10" rx="7" ry="4"/>
            <path class="a" d="M86 40 H114 Q112 52 118 60 Q140 76 134 104 Q130 124 112 124 H88 Q70 124 66 104 Q60 76 82 60 Q88 52 86 40 Z"/>
            <ellipse class="a" cx="100" cy="40" rx="14" ry="4"/>
            <path class="nw t" d="M68 88 Q100 100 132 88 M70 98 Q100 110 130 98"/>
            """,
        ["Linen cushion"] = """
            <path class="a" d="M46 38 Q70 48 100 44 Q130 48 154 38 Q146 82 154 124 Q130 114 100 118 Q70 114 46 124 Q54 82 46 38 Z"/>
            <path class="n t" d="M54 46 Q70 62 80 64 M146 46 Q130 62 120 64 M54 116 Q70 102 80 100 M146 116 Q130 102 120 100"/>
            <circle class="w" cx="100" cy="81" r="5"/>
            """,
        ["Wall clock"] = """
            <circle class="a" cx="100" cy="74" r="48"/>
            <circle class="w" cx="100" cy="74" r="38"/>
            <path class="n t" d="M100.0 39.0 L100.0 46.0 M117.5 43.7 L116.0 46.3 M130.3 56.5 L127.7 58.0 M135.0 74.0 L128.0 74.0 M130.3 91.5 L127.7 90.0 M117.5 104.3 L116.0 101.7 M100.0 109.0 L100.0 102.0 M82.5 104.3 L84.0 101.7 M69.7 91.5 L72.3 90.0 M65.0 74.0 L72.0 74.0 M69.7 56.5 L72.3 58.0 M82.5 43.7 L84.0 46.3"/>
            <path class="n x" d="M100 74 V50 M100 74 L116 84"/>
            <path class="na t" d="M100 74 L84 98"/>
            <circle class="k" cx="100" cy="74" r="3.5"/>
            """,
        ["Floor rug"] = """
            <path class="n t" d="M52 62 V54 M64 62 V54 M76 62 V54 M88 62 V54 M100 62 V54 M112 62 V54 M124 62 V54 M136 62 V54 M148 62 V54 M30 114 V124 M46 114 V124 M62 114 V124 M78 114 V124 M94 114 V124 M110 114 V124 M126 114 V124 M142 114 V124 M158 114 V124 M170 114 V124"/>
            <path class="a" d="M48 62 H152 L176 114 H24 Z"/>
            <path class="w" d="M62 70 H138 L154 106 H46 Z"/>
            <path class="a" d="M100 74 L122 88 L100 102 L78 88 Z"/>
            <circle class="a" cx="66" cy="96" r="4"/><circle class="a" cx="134" cy="96" r="4"/>
            """,
        ["Plant pot"] = """
            <path class="n t" d="M100 78 Q96 60 74 44 M100 78 Q104 56 126 38 M100 78 V40"/>
            <path class="lf" d="M74 44 Q50 52 44 30 Q64 18 80 34 Z"/><path class="n t" d="M70 40 L58 32"/>
            <path class="lf" d="M126 38 Q150 44 158 22 Q136 10 122 28 Z"/><path class="n t" d="M130 34 L144 24"/>
            <path class="lf" d="M100 42 Q80 30 88 12 Q108 10 112 28 Q108 40 100 42 Z"/>
            <path class="a" d="M70 84 H130 L122 124 H78 Z"/>
            <rect class="a" x="66" y="76" width="68" height="10" rx="3"/>
            """,
        ["Photo frames"] = """
            <g transform="rotate(-8 70 80)"><rect class="wd" x="32" y="40" width="64" height="80" rx="3"/><rect class="w" x="40" y="48" width="48" height="64"/><circle class="s" cx="64" cy="72" r="9"/><path class="s" d="M48 112 Q48 88 64 88 Q80 88 80 112 Z"/></g>
            <rect class="a" x="94" y="50" width="78" height="66" rx="3"/>
            <rect class="gl" x="102" y="58" width="62" height="50"/>
            <path class="lf" d="M102 108 L120 82 L132 96 L142 86 L164 108 Z"/>
            <circle class="fl" cx="150" cy="70" r="6"/>
            """,
        ["Oak bookends"] = """
            <rect class="a" x="56" y="44" width="16" height="64"/>
            <rect class="w" x="72" y="36" width="14" height="72"/>
            <rect class="d" x="86" y="50" width="18" height="58"/>
            <rect class="a" x="104" y="40" width="14" height="68"/>
            <rect class="w" x="118" y="56" width="12" height="52" transform="rotate(14 124 108)"/>
            <path class="wd" d="M34 40 H54 V106 H78 V124 H34 Z"/>
            <path class="wd" d="M166 40 H146 V106 H122 V124 H166 Z"/>
            """,
        ["Storage baskets"] = """
            <path class="wd" d="M44 58 H156 L146 124 H54 Z"/>
            <path class="n t" d="M46 72 H154 M48 86 H152 M50 100 H150 M52 114 H148"/>
            <path class="n t" d="M64 58 L68 124 M84 58 L86 124 M104 58 V124 M124 58 L122 124 M142 58 L138 124"/>
            <path class="a" d="M40 48 H160 L156 62 H44 Z"/>
            <rect class="d" x="56" y="68" width="18" height="8" rx="4"/><rect class="d" x="126" y="68" width="18" height="8" rx="4"/>
            """,
        ["Reading lamp"] = """
            <path class="fl" style="opacity:.45;stroke:none" d="M150 80 L178 124 H116 Z"/>
            <path class="n" style="stroke-width:7" d="M72 114 L92 66 L138 54"/>
            <circle class="m" cx="92" cy="66" r="6"/><circle class="m" cx="72" cy="114" r="5"/>
            <g transform="rotate(40 144 62)"><path class="a" d="M132 48 H156 L166 80 H122 Z"/></g>
            <path class="a" d="M48 116 H96 Q98 124 92 124 H52 Q46 124 48 116 Z"/>
            """,
        ["Bed linen set"] = """
            <rect class="w" x="34" y="84" width="132" height="38" rx="6"/>
            <path class="na" d="M34 94 H166 M34 104 H166 M34 114 H166"/>
            <rect class="a" x="42" y="62" width="116" height="24" rx="6"/>
            <path class="nw t" d="M42 74 H158"/>
            <path class="w" d="M56 44 Q52 38 60 38 H140 Q148 38 144 44 Q148 52 144 60 Q148 66 140 66 H60 Q52 66 56 60 Q52 52 56 44 Z"/>
            <path class="n t" d="M64 46 H136"/>
            """,
        ["Doormat"] = """
            <path class="wd" d="M40 64 H160 L178 118 H22 Z"/>
            <path class="a" d="M52 70 H148 L162 112 H38 Z"/>
            <path class="wd" d="M60 76 H140 L150 106 H50 Z"/>
            <path class="n x" d="M76 82 L72 100 M90 82 L86 100 M74 91 H88 M102 82 L98 100"/>
            <path class="a" d="M124 86 Q124 80 130 80 Q134 80 134 86 Q134 80 138 80 Q144 80 144 86 Q144 94 132 100 Q122 94 124 86 Z"/>
            """,
        ["Round mirror"] = """
            <path class="n x" d="M100 8 L86 30 M100 8 L114 30"/>
            <circle class="wd" cx="100" cy="8" r="4"/>
            <circle class="a" cx="100" cy="76" r="48"/>
            <circle class="gl" cx="100" cy="76" r="39"/>
            <path class="nw x" d="M76 70 L96 50 M82 86 L114 54"/>
            """,
        ["Stone coasters"] = """
            <path class="a" d="M40 106 V114 Q84 134 128 114 V106 Z"/><ellipse class="s" cx="84" cy="106" rx="44" ry="12"/>
            <path class="a" d="M44 92 V100 Q86 118 128 100 V92 Z"/><ellipse class="s" cx="86" cy="92" rx="42" ry="11"/>
            <path class="a" d="M48 78 V86 Q88 104 128 86 V78 Z"/><ellipse class="s" cx="88" cy="78" rx="40" ry="11"/>
            <path class="n t" d="M62 76 Q76 72 84 80 Q96 86 110 78"/>
            <path class="a" d="M134 110 V116 Q156 126 178 116 V110 Z"/><ellipse class="s" cx="156" cy="110" rx="22" ry="7"/>
            <path class="w" d="M146 84 H166 V104 Q166 108 162 108 H150 Q146 108 146 104 Z"/>
            """,
        ["Room diffuser"] = """
            <path class="n" style="stroke:#8a5a3b;stroke-width:3" d="M94 56 L66 14 M97 56 L86 8 M100 56 L104 8 M103 56 L118 10 M106 56 L136 16"/>
            <path class="gl" d="M80 70 H88 V58 H112 V70 H120 Q128 70 128 78 V116 Q128 124 120 124 H80 Q72 124 72 116 V78 Q72 70 80 70 Z"/>
            <path class="a" d="M73 92 H127 V116 Q127 123 120 123 H80 Q73 123 73 116 Z"/>
            <rect class="d" x="86" y="52" width="28" height="8" rx="2"/>
            <rect class="w" x="84" y="98" width="32" height="16" rx="2"/>
            """,
    };
}
