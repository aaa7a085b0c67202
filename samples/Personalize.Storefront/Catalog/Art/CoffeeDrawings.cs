namespace Personalize.Storefront.Catalog.Art;

/// <summary>The coffee shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class CoffeeDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Pour-over kettle"] = """
            <path class="n" style="stroke-width:11" d="M58 108 Q40 104 36 80 Q32 56 14 44"/>
            <path class="na" style="stroke-width:5" d="M58 108 Q40 104 36 80 Q32 56 14 44"/>
            <path class="n" style="stroke-width:10" d="M140 66 Q170 66 168 90 Q166 112 144 110"/>
            <path class="a" d="M60 62 Q62 50 100 48 Q138 50 140 62 L146 116 Q146 124 138 124 H62 Q54 124 54 116 Z"/>
            <ellipse class="a" cx="100" cy="50" rx="32" ry="7"/>
            <rect class="d" x="92" y="34" width="16" height="12" rx="4"/>
            <path class="nw t" d="M70 76 Q72 100 74 114"/>
            """,
        ["Burr grinder"] = """
            <path class="gl" d="M62 22 H138 L116 56 H84 Z"/>
            <ellipse class="sl" cx="88" cy="36" rx="6" ry="4"/><ellipse class="sl" cx="104" cy="32" rx="6" ry="4"/><ellipse class="sl" cx="118" cy="38" rx="6" ry="4"/><ellipse class="sl" cx="98" cy="46" rx="6" ry="4"/>
            <rect class="a" x="68" y="56" width="64" height="68" rx="8"/>
            <rect class="gl" x="82" y="88" width="36" height="30" rx="4"/>
            <path class="sl" d="M84 104 H116 V114 Q116 116 114 116 H86 Q84 116 84 114 Z"/>
            <circle class="w" cx="100" cy="72" r="7"/><path class="n t" d="M100 72 L104 68"/>
            """,
        ["Espresso machine"] = """
            <rect class="s" x="38" y="34" width="124" height="90" rx="10"/>
            <path class="a" d="M38 56 V44 Q38 34 48 34 H152 Q162 34 162 44 V56 Z"/>
            <path class="n x" d="M148 62 V96"/>
            <rect class="d" x="82" y="62" width="36" height="10" rx="3"/>
            <rect class="d" x="86" y="72" width="28" height="8" rx="2"/><path class="n x" d="M114 76 H140"/>
            <path class="w" d="M88 94 H112 V104 Q112 112 104 112 H96 Q88 112 88 104 Z"/>
            <rect class="m" x="64" y="112" width="72" height="8" rx="2"/>
            <circle class="w" cx="60" cy="78" r="11"/><path class="n t" d="M60 78 L66 72"/>
            <circle class="kw" cx="130" cy="45" r="3"/><circle class="kw" cx="142" cy="45" r="3"/>
            """,
        ["French press"] = """
            <path class="n" style="stroke-width:9" d="M122 56 Q148 56 148 80 Q148 104 122 104"/>
            <path class="n" d="M94 36 V16"/><circle class="a" cx="94" cy="14" r="7"/>
            <rect class="gl" x="66" y="44" width="56" height="74" rx="4"/>
            <path class="sl" d="M67 72 H121 V114 Q121 117 118 117 H70 Q67 117 67 114 Z"/>
            <path class="n t" d="M66 72 H122"/><path class="nw t" d="M74 50 V66"/>
            <rect class="a" x="60" y="34" width="68" height="12" rx="3"/>
            <rect class="a" x="60" y="114" width="68" height="10" rx="3"/>
            """,
        ["Pour-over dripper"] = """
            <path class="gl" d="M70 86 H130 Q144 104 130 124 H70 Q56 104 70 86 Z"/>
            <path class="sl" d="M62 108 H138 Q138 118 130 124 H70 Q62 118 62 108 Z"/>
            <path class="sl" d="M100 88 Q104 94 100 99 Q96 94 100 88 Z"/>
            <rect class="a" x="74" y="76" width="52" height="10" rx="3"/>
            <path class="w" d="M54 32 H146 L120 76 H80 Z"/>
            <path class="n t" d="M76 40 L90 72 M100 40 V72 M124 40 L110 72"/>
            """,
        ["Single-origin beans"] = $"""
            {Shapes.CoffeeBag("""<path class="a" d="M82 98 L96 72 L104 84 L110 76 L118 98 Z"/><circle class="fl" cx="112" cy="68" r="4"/><circle class="w" cx="100" cy="48" r="4"/>""")}
            <ellipse class="sl" cx="48" cy="120" rx="8" ry="5"/><path class="n t" d="M42 120 Q48 117 54 120"/>
            <ellipse class="sl" cx="152" cy="118" rx="8" ry="5"/><path class="n t" d="M146 118 Q152 115 158 118"/>
            """,
        ["Milk frother"] = """
            <path class="n x" d="M124 58 Q144 60 142 84 Q140 100 124 100"/>
            <path class="m" d="M64 46 H122 L126 118 Q126 124 120 124 H68 Q62 124 62 118 Z"/>
            <path class="m" d="M64 46 L50 40 L62 60 Z"/>
            <path class="w" d="M64 48 Q72 34 84 42 Q92 32 102 40 Q112 32 122 48 Z"/>
            <g transform="rotate(18 150 60)"><rect class="a" x="143" y="6" width="15" height="46" rx="6"/><path class="n" d="M150 52 V92"/><circle class="n" cx="150" cy="98" r="6"/><circle class="kw" cx="150" cy="18" r="3"/></g>
            """,
        ["Travel mug"] = """
            <path class="a" d="M72 46 H128 L122 120 Q122 124 118 124 H82 Q78 124 78 120 Z"/>
            <path class="w" d="M74 70 H126 L124 90 H76 Z"/>
            <rect class="d" x="68" y="34" width="64" height="14" rx="5"/>
            <rect class="d" x="78" y="26" width="44" height="10" rx="4"/>
            <path class="nw t" d="M88 31 H104"/>
            """,
        ["Coffee scale"] = """
            <path class="gl" d="M72 58 H112 Q120 76 112 96 H72 Q64 76 72 58 Z"/>
            <path class="sl" d="M67 80 H117 Q118 90 112 96 H72 Q66 90 67 80 Z"/>
            <rect class="d" x="70" y="52" width="44" height="8" rx="3"/>
            <path class="a" d="M34 104 H166 L160 122 H40 Z"/>
            <rect class="d" x="38" y="96" width="124" height="10" rx="3"/>
            <rect class="d" x="112" y="108" width="38" height="10" rx="2"/>
            <path class="na t" d="M118 113 H124 M128 113 H134 M138 113 H144"/>
            """,
        ["Cold brew jar"] = """
            <path class="n x" d="M72 30 Q100 10 128 30"/>
            <path class="gl" d="M62 44 H138 V114 Q138 124 128 124 H72 Q62 124 62 114 Z"/>
            <path class="sl" d="M63 70 H137 V114 Q137 123 128 123 H72 Q63 123 63 114 Z"/>
            <rect class="s" x="90" y="46" width="20" height="62" rx="4"/><path class="n t" d="M90 60 H110 M90 74 H110 M90 88 H110"/>
            <rect class="a" x="58" y="30" width="84" height="16" rx="4"/><path class="n t" d="M58 38 H142"/>
            <rect class="kw" x="70" y="54" width="10" height="10" rx="2"/>
            """,
        ["Espresso cups"] = """
            <g transform="translate(-34 8)"><ellipse class="w" cx="100" cy="112" rx="32" ry="7"/><path class="n" style="stroke-width:6" d="M118 86 Q130 86 130 94 Q130 102 118 102"/><path class="a" d="M80 80 H120 V96 Q120 108 100 108 Q80 108 80 96 Z"/><ellipse class="sl" cx="100" cy="80" rx="20" ry="4"/></g>
            <g transform="translate(34 -10)"><ellipse class="w" cx="100" cy="112" rx="32" ry="7"/><path class="n" style="stroke-width:6" d="M118 86 Q130 86 130 94 Q130 102 118 102"/><path class="a" d="M80 80 H120 V96 Q120 108 100 108 Q80 108 80 96 Z"/><ellipse class="sl" cx="100" cy="80" rx="20" ry="4"/></g>
            """,
        ["Paper filters"] = """
            <path class="w" d="M44 30 H116 L98 96 Q80 100 62 96 Z" transform="rotate(-14 80 60)"/>
            <path class="w" d="M84 26 H156 L138 92 Q120 96 102 92 Z" transform="rotate(12 120 60)"/>
            <path class="w" d="M64 22 H136 L118 88 Q100 92 82 88 Z"/>
            <path class="n t" stroke-dasharray="2 3" d="M66 28 H134"/>
            <rect class="a" x="50" y="82" width="100" height="42" rx="6"/>
            <path class="nw x" d="M64 100 H136"/>
            """,
        ["Espresso tamper"] = """
            <ellipse class="sl" cx="100" cy="118" rx="44" ry="7"/>
            <path class="a" d="M80 50 Q74 26 100 22 Q126 26 120 50 Q110 58 110 70 H90 Q90 58 80 50 Z"/>
            <rect class="m" x="88" y="68" width="24" height="12" rx="2"/>
            <path class="m" d="M64 80 H136 V100 Q136 106 130 106 H70 Q64 106 64 100 Z"/>
            <path class="nw t" d="M88 32 Q84 40 88 46"/>
            """,
        ["Knock box"] = """
            <ellipse class="sl" cx="100" cy="30" rx="16" ry="6"/>
            <path class="n t" d="M92 42 L88 48 M108 42 L112 48"/>
            <path class="a" d="M52 64 H148 L140 124 H60 Z"/>
            <ellipse class="d" cx="100" cy="64" rx="48" ry="12"/>
            <rect class="m" x="52" y="58" width="96" height="9" rx="4"/>
            <path class="nw x" d="M66 96 H134"/>
            """,
        ["Moka pot"] = """
            <path class="a" d="M130 42 H148 Q156 42 154 52 L148 80 Q146 86 140 84 L128 72 Z"/>
            <path class="m" d="M74 74 L66 38 H132 L126 74 Z"/>
            <path class="m" d="M66 38 L54 32 L70 50 Z"/>
            <path class="d" d="M68 38 Q100 22 130 38 Z"/><rect class="d" x="94" y="20" width="12" height="8" rx="3"/>
            <rect class="s" x="72" y="74" width="56" height="8"/>
            <path class="m" d="M70 82 H130 L138 124 H62 Z"/>
            <path class="n t" d="M86 82 L82 124 M114 82 L118 124 M88 38 L92 74 M110 38 L108 74"/>
            """,
        ["Decaf blend"] = """
            <rect class="a" x="62" y="40" width="76" height="84" rx="6"/>
            <rect class="d" x="58" y="30" width="84" height="14" rx="4"/>
            <rect class="w" x="70" y="60" width="60" height="48" rx="4"/>
            <path class="d" d="M106 68 A17 17 0 1 0 120 96 A13 13 0 1 1 106 68 Z"/>
            <circle class="k" cx="84" cy="72" r="2.5"/><circle class="k" cx="90" cy="90" r="2"/><circle class="k" cx="80" cy="98" r="2"/>
            """,
        ["Barista cloths"] = """
            <rect class="w" x="42" y="98" width="116" height="26" rx="6"/><path class="na" d="M42 106 H158 M42 114 H158"/>
            <rect class="a" x="50" y="74" width="100" height="26" rx="6"/><path class="nw" d="M50 87 H150"/>
            <rect class="w" x="58" y="50" width="84" height="26" rx="6"/><path class="na" d="M58 58 H142 M58 66 H142"/>
            <path class="n t" d="M142 50 Q150 62 142 76"/>
            """,
    };
}
