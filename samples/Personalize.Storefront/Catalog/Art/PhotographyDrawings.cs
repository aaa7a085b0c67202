namespace Personalize.Storefront.Catalog.Art;

/// <summary>The photography shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class PhotographyDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Mirrorless camera"] = """
            <rect class="s" x="132" y="40" width="18" height="10" rx="3"/>
            <path class="d" d="M40 50 H76 L84 38 H118 L126 50 H160 Q168 50 168 58 V112 Q168 120 160 120 H40 Q32 120 32 112 V58 Q32 50 40 50 Z"/>
            <path class="a" d="M40 50 H58 V120 H40 Q32 120 32 112 V58 Q32 50 40 50 Z"/>
            <circle class="m" cx="106" cy="86" r="29"/><circle class="d" cx="106" cy="86" r="21"/><circle class="gl" cx="106" cy="86" r="12"/><circle class="kw" cx="102" cy="82" r="3"/>
            <rect class="gl" x="92" y="42" width="16" height="6" rx="1"/>
            """,
        ["Prime lens"] = """
            <rect class="m" x="30" y="62" width="14" height="44" rx="2"/>
            <rect class="d" x="42" y="52" width="100" height="64" rx="6"/>
            <rect class="s" x="80" y="48" width="36" height="72" rx="4"/>
            <path class="n t" d="M86 48 V120 M92 48 V120 M98 48 V120 M104 48 V120 M110 48 V120"/>
            <path class="na" d="M132 52 V116"/>
            <ellipse class="gl" cx="146" cy="84" rx="12" ry="32"/><path class="nw t" d="M144 66 Q140 76 142 86"/>
            """,
        ["Travel tripod"] = """
            <path class="n" style="stroke-width:9" d="M100 60 L56 124 M100 60 L144 124 M100 60 V124"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:4" d="M100 60 L56 124 M100 60 L144 124 M100 60 V124"/>
            <rect class="a" x="68" y="92" width="12" height="8" rx="2" transform="rotate(34 74 96)"/><rect class="a" x="120" y="92" width="12" height="8" rx="2" transform="rotate(-34 126 96)"/><rect class="a" x="94" y="96" width="12" height="8" rx="2"/>
            <rect class="d" x="86" y="44" width="28" height="18" rx="4"/>
            <circle class="m" cx="100" cy="38" r="9"/>
            <rect class="d" x="80" y="22" width="40" height="9" rx="3"/>
            """,
        ["Camera bag"] = """
            <path class="n x" d="M52 62 Q100 4 148 62"/>
            <rect class="a" x="42" y="58" width="116" height="66" rx="12"/>
            <path class="a" d="M42 70 Q42 58 54 58 H146 Q158 58 158 70 V92 Q100 104 42 92 Z"/>
            <rect class="d" x="92" y="88" width="16" height="22" rx="3"/>
            <circle class="nw" cx="70" cy="76" r="8"/><rect class="kw" x="62" y="64" width="6" height="3"/>
            """,
        ["Memory card"] = """
            <path class="a" d="M62 28 H122 L140 46 V118 Q140 124 134 124 H68 Q62 124 62 118 Z"/>
            <path class="fl" d="M70 32 h7 v16 h-7z M81 32 h7 v16 h-7z M92 32 h7 v16 h-7z M103 32 h7 v16 h-7z M114 32 h7 v16 h-7z"/>
            <rect class="w" x="72" y="62" width="58" height="50" rx="3"/>
            <path class="n x" d="M82 76 H112"/><path class="n t" d="M82 88 H120 M82 98 H104"/>
            <rect class="w" x="138" y="70" width="6" height="16" rx="1"/>
            """,
        ["Lens cleaning kit"] = """
            <path class="s" d="M124 96 H172 V124 H124 Z"/><path class="n t" d="M124 96 L172 124"/>
            <path class="d" d="M55 62 L58 34 H66 L69 62 Z"/>
            <path class="a" d="M60 122 Q32 120 34 90 Q38 62 62 62 Q86 62 90 90 Q92 120 64 122 Z"/>
            <path class="nw t" d="M46 80 Q44 92 48 104"/>
            <g transform="rotate(22 120 70)"><rect class="d" x="112" y="20" width="15" height="70" rx="6"/><rect class="m" x="112" y="58" width="15" height="8"/><path class="w" d="M112 90 H127 L124 106 H115 Z"/></g>
            """,
        ["Camera strap"] = """
            <path class="n" style="stroke-width:20" d="M34 40 Q60 132 100 112 Q140 92 166 40"/>
            <path class="na" style="stroke-width:13" d="M34 40 Q60 132 100 112 Q140 92 166 40"/>
            <path class="nw t" stroke-dasharray="5 7" d="M34 40 Q60 132 100 112 Q140 92 166 40"/>
            <rect class="wd" x="26" y="20" width="16" height="22" rx="3"/><rect class="wd" x="158" y="20" width="16" height="22" rx="3"/>
            <circle class="n x" cx="34" cy="14" r="6"/><circle class="n x" cx="166" cy="14" r="6"/>
            """,
        ["Spare battery"] = """
            <rect class="d" x="58" y="34" width="84" height="90" rx="8"/>
            <path class="fl" d="M70 36 h9 v7 h-9z M85 36 h9 v7 h-9z M100 36 h9 v7 h-9z"/>
            <rect class="a" x="58" y="52" width="84" height="16"/>
            <rect class="w" x="70" y="78" width="60" height="34" rx="4"/>
            <path class="fl" d="M104 82 L90 98 H100 L96 110 L112 92 H102 L106 82 Z"/>
            """,
        ["Instant camera"] = """
            <rect class="w" x="70" y="104" width="60" height="22"/><rect class="gl" x="76" y="108" width="48" height="14"/>
            <rect class="a" x="42" y="34" width="116" height="76" rx="14"/>
            <rect class="w" x="122" y="42" width="26" height="14" rx="2"/>
            <rect class="d" x="52" y="42" width="18" height="14" rx="3"/>
            <path class="n t" d="M42 66 H158"/>
            <circle class="w" cx="100" cy="82" r="23"/><circle class="d" cx="100" cy="82" r="15"/><circle class="gl" cx="100" cy="82" r="6"/>
            <circle class="s" cx="144" cy="94" r="5"/>
            """,
        ["Film rolls"] = """
            <path class="fl" d="M76 64 H150 Q160 64 160 74 V98 H76 Z"/>
            <path class="kw" d="M86 68 h6 v5 h-6z M100 68 h6 v5 h-6z M114 68 h6 v5 h-6z M128 68 h6 v5 h-6z M142 68 h6 v5 h-6z M86 89 h6 v5 h-6z M100 89 h6 v5 h-6z M114 89 h6 v5 h-6z M128 89 h6 v5 h-6z M142 89 h6 v5 h-6z"/>
            <rect class="m" x="52" y="28" width="16" height="12"/>
            <rect class="d" x="40" y="44" width="42" height="72" rx="4"/>
            <rect class="m" x="36" y="38" width="50" height="10" rx="3"/><rect class="m" x="36" y="112" width="50" height="10" rx="3"/>
            <rect class="a" x="40" y="64" width="42" height="32"/>
            <path class="nw t" d="M48 74 H74 M48 84 H66"/>
            """,
        ["Lens filters"] = """
            <circle class="d" cx="72" cy="62" r="34"/><circle class="gl" cx="72" cy="62" r="27"/>
            <circle class="d" cx="128" cy="68" r="34"/><circle class="a" style="opacity:.85" cx="128" cy="68" r="27"/>
            <circle class="d" cx="100" cy="96" r="30"/><circle class="s" cx="100" cy="96" r="23"/>
            <path class="nw x" d="M58 52 L70 40 M116 60 L128 48 M90 90 L100 80"/>
            """,
        ["Ring light"] = """
            <path class="n t" d="M100 6 V14 M60 20 L66 26 M140 20 L134 26 M48 56 H56 M152 56 H144"/>
            <path class="n x" d="M100 92 V118 M100 118 L74 126 M100 118 L126 126"/>
            <rect class="a" x="94" y="92" width="12" height="12" rx="2"/>
            <circle class="n" style="stroke-width:20" cx="100" cy="56" r="36"/>
            <circle class="n" style="stroke:#ffe7a3;stroke-width:13" cx="100" cy="56" r="36"/>
            <path class="n x" d="M100 72 V92"/>
            <rect class="d" x="90" y="38" width="20" height="34" rx="3"/><rect class="gl" x="93" y="42" width="14" height="24" rx="1"/>
            """,
        ["Photo printer"] = """
            <rect class="w" x="66" y="20" width="68" height="50"/>
            <rect class="gl" x="72" y="26" width="56" height="36"/>
            <path class="lf" d="M72 62 L88 42 L100 54 L110 46 L128 62 Z"/><circle class="fl" cx="118" cy="34" r="5"/>
            <rect class="a" x="38" y="56" width="124" height="58" rx="10"/>
            <rect class="d" x="58" y="62" width="84" height="8" rx="3"/>
            <rect class="d" x="54" y="84" width="28" height="16" rx="2"/>
            <circle class="kw" cx="124" cy="92" r="4"/><circle class="kw" cx="138" cy="92" r="4"/>
            <path class="s" d="M54 114 H146 L152 124 H48 Z"/>
            """,
        ["Remote shutter"] = """
            <path class="n x" d="M90 110 Q90 130 126 122 Q160 114 160 84"/>
            <rect class="d" x="154" y="62" width="12" height="22" rx="3"/><rect class="m" x="157" y="54" width="6" height="10"/>
            <rect class="a" x="66" y="28" width="48" height="84" rx="14"/>
            <circle class="w" cx="90" cy="56" r="14"/><circle class="d" cx="90" cy="56" r="7"/>
            <rect class="kw" x="76" y="80" width="12" height="7" rx="2"/><rect class="kw" x="92" y="80" width="12" height="7" rx="2"/>
            <circle class="fl" cx="90" cy="96" r="3"/>
            """,
        ["Reflector"] = """
            <circle class="d" cx="100" cy="76" r="50"/>
            <path class="fl" d="M100 30 A46 46 0 0 0 100 122 Z"/>
            <path class="s" d="M100 30 A46 46 0 0 1 100 122 Z"/>
            <path class="n t" d="M70 50 Q80 62 74 78 M130 48 Q122 64 132 80 M112 96 Q122 104 118 116"/>
            <path class="nw x" d="M112 46 L124 40"/>
            <rect class="a" x="144" y="66" width="14" height="20" rx="4"/>
            """,
        ["Photo album"] = """
            <path class="a" d="M24 46 Q62 36 100 48 Q138 36 176 46 V124 Q138 114 100 126 Q62 114 24 124 Z"/>
            <path class="w" d="M30 42 Q64 32 98 44 V118 Q64 108 30 116 Z"/>
            <path class="w" d="M102 44 Q136 32 170 42 V116 Q136 108 102 118 Z"/>
            <g transform="rotate(-5 62 66)"><rect class="gl" x="40" y="50" width="46" height="32"/><path class="lf" d="M40 82 L54 66 L64 76 L72 70 L86 82 Z"/></g>
            <rect class="s" x="46" y="88" width="38" height="22" transform="rotate(-4 65 99)"/>
            <g transform="rotate(4 136 76)"><rect class="gl" x="114" y="52" width="46" height="50"/><circle class="fl" cx="146" cy="64" r="6"/><path class="a" d="M114 102 L130 80 L142 92 L160 74 V102 Z"/></g>
            <path class="k" d="M114 52 h8 l-8 8 z M160 102 h-8 l8 -8 z"/>
            """,
        ["Camera gimbal"] = """
            <path class="n" style="stroke-width:10" d="M100 86 V70 Q100 62 108 62 H136 V44"/>
            <path class="na" style="stroke-width:5" d="M100 86 V70 Q100 62 108 62 H136 V44"/>
            <circle class="a" cx="100" cy="70" r="7"/><circle class="a" cx="136" cy="56" r="7"/>
            <rect class="w" x="60" y="22" width="88" height="26" rx="4"/><rect class="gl" x="66" y="26" width="70" height="18" rx="2"/>
            <rect class="d" x="86" y="84" width="28" height="42" rx="9"/>
            <circle class="kw" cx="100" cy="96" r="4"/><rect class="a" x="94" y="106" width="12" height="6" rx="2"/>
            """,
    };
}
