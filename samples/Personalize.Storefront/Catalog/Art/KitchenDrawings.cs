namespace Personalize.Storefront.Catalog.Art;

/// <summary>The kitchen shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class KitchenDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Chef's knife"] = """
            <g transform="rotate(-24 100 80)">
            <path class="s" d="M20 74 Q60 66 122 66 V96 H70 Q38 94 20 74 Z"/>
            <path class="n t" d="M30 76 Q70 86 118 86"/>
            <rect class="a" x="124" y="68" width="60" height="26" rx="9"/>
            <rect class="m" x="116" y="63" width="10" height="36" rx="3"/>
            <circle class="kw" cx="140" cy="81" r="3"/><circle class="kw" cx="156" cy="81" r="3"/><circle class="kw" cx="172" cy="81" r="3"/>
            </g>
            """,
        ["Cast-iron pan"] = """
            <rect class="d" x="134" y="74" width="56" height="14" rx="7" transform="rotate(-18 134 81)"/>
            <rect class="a" x="160" y="60" width="30" height="16" rx="8" transform="rotate(-18 160 68)"/>
            <path class="n x" d="M38 76 Q26 86 36 96"/>
            <ellipse class="d" cx="90" cy="86" rx="56" ry="34"/>
            <ellipse class="k" cx="90" cy="84" rx="45" ry="25"/>
            <path class="w" d="M68 80 Q72 64 92 68 Q110 62 114 80 Q118 96 96 98 Q72 100 68 80 Z"/>
            <circle class="fl" cx="92" cy="81" r="9"/>
            """,
        ["Dutch oven"] = """
            <path class="n x" d="M50 80 Q36 80 36 90 Q36 100 50 100 M150 80 Q164 80 164 90 Q164 100 150 100"/>
            <path class="a" d="M50 72 H150 V108 Q150 124 134 124 H66 Q50 124 50 108 Z"/>
            <path class="a" d="M44 72 Q46 52 100 50 Q154 52 156 72 Z"/>
            <rect class="m" x="87" y="38" width="26" height="13" rx="5"/>
            <path class="nw t" d="M62 64 Q100 58 138 64"/>
            """,
        ["Cutting board"] = """
            <path class="wd" d="M46 48 H146 Q156 48 156 58 V68 H170 Q178 68 178 76 V94 Q178 102 170 102 H156 V112 Q156 122 146 122 H46 Q36 122 36 112 V58 Q36 48 46 48 Z"/>
            <circle class="n" cx="168" cy="85" r="5"/>
            <path class="n t" d="M48 64 Q90 58 134 66 M50 108 Q96 100 144 108"/>
            <circle class="a" cx="74" cy="86" r="14"/><circle class="nw t" cx="74" cy="86" r="8"/>
            <circle class="a" cx="104" cy="88" r="14"/><circle class="nw t" cx="104" cy="88" r="8"/>
            <circle class="a" cx="132" cy="84" r="12"/><circle class="nw t" cx="132" cy="84" r="6"/>
            """,
        ["Spice rack"] = """
            <rect class="wd" x="38" y="26" width="12" height="100" rx="3"/><rect class="wd" x="150" y="26" width="12" height="100" rx="3"/>
            <rect class="gl" x="58" y="44" width="22" height="26" rx="3"/><rect class="sl" x="60" y="54" width="18" height="14" rx="2"/><rect class="a" x="57" y="36" width="24" height="9" rx="2"/>
            <rect class="gl" x="89" y="44" width="22" height="26" rx="3"/><rect class="fl" x="91" y="52" width="18" height="16" rx="2"/><rect class="a" x="88" y="36" width="24" height="9" rx="2"/>
            <rect class="gl" x="120" y="44" width="22" height="26" rx="3"/><rect class="lf" x="122" y="56" width="18" height="12" rx="2"/><rect class="a" x="119" y="36" width="24" height="9" rx="2"/>
            <rect class="wd" x="38" y="70" width="124" height="8" rx="2"/>
            <rect class="gl" x="58" y="90" width="22" height="26" rx="3"/><rect class="lf" x="60" y="100" width="18" height="14" rx="2"/><rect class="d" x="57" y="82" width="24" height="9" rx="2"/>
            <rect class="gl" x="89" y="90" width="22" height="26" rx="3"/><rect class="sl" x="91" y="98" width="18" height="16" rx="2"/><rect class="d" x="88" y="82" width="24" height="9" rx="2"/>
            <rect class="gl" x="120" y="90" width="22" height="26" rx="3"/><rect class="fl" x="122" y="102" width="18" height="12" rx="2"/><rect class="d" x="119" y="82" width="24" height="9" rx="2"/>
            <rect class="wd" x="38" y="116" width="124" height="9" rx="2"/>
            """,
        ["Stand mixer"] = """
            <path class="a" d="M56 124 V116 Q56 108 64 108 H150 Q158 108 158 116 V124 Z"/>
            <path class="s" d="M94 80 H150 L144 106 Q122 114 100 106 Z"/>
            <path class="n t" d="M122 64 V86 M114 86 Q122 98 130 86"/>
            <path class="a" d="M58 110 V54 Q58 34 80 34 H142 Q160 34 160 50 Q160 66 142 66 H86 V110 Z"/>
            <path class="nw x" d="M70 50 H140"/>
            <circle class="w" cx="72" cy="84" r="5"/>
            """,
        ["Mixing bowls"] = """
            <path class="s" d="M20 80 H80 Q76 112 50 116 Q24 112 20 80 Z"/>
            <path class="a" d="M118 74 H182 Q178 112 150 118 Q122 112 118 74 Z"/>
            <path class="n t" d="M118 36 L138 66 M112 40 Q118 30 124 34 Q128 44 122 48 Q114 46 112 40 Z"/>
            <path class="w" d="M48 62 H152 Q148 116 100 124 Q52 116 48 62 Z"/>
            <ellipse class="w" cx="100" cy="62" rx="52" ry="8"/>
            <path class="na" d="M60 86 Q100 96 140 86"/>
            """,
        ["Stockpot"] = """
            <path class="n t" d="M80 26 Q74 18 80 10 M100 26 Q94 18 100 10 M120 26 Q114 18 120 10"/>
            <path class="n x" d="M50 62 H36 V76 H50 M150 62 H164 V76 H150"/>
            <path class="a" d="M50 48 H150 V116 Q150 124 142 124 H58 Q50 124 50 116 Z"/>
            <rect class="m" x="44" y="40" width="112" height="10" rx="4"/>
            <rect class="d" x="88" y="30" width="24" height="10" rx="4"/>
            <path class="nw x" d="M60 100 H140"/>
            """,
        ["Kitchen scale"] = """
            <path class="w" d="M72 60 Q100 34 128 60 Z"/>
            <path class="a" d="M60 60 H140 Q136 86 100 88 Q64 86 60 60 Z"/>
            <rect class="s" x="44" y="88" width="112" height="8" rx="3"/>
            <path class="w" d="M40 96 H160 L152 124 H48 Z"/>
            <rect class="d" x="76" y="102" width="48" height="14" rx="3"/>
            <path class="nw t" d="M84 109 H92 M98 109 H106 M112 109 H116"/>
            """,
        ["Knife sharpener"] = """
            <g transform="rotate(-12 100 50)"><path class="m" d="M56 54 H130 V64 H70 Z"/><rect class="d" x="130" y="51" width="44" height="15" rx="6"/></g>
            <path class="wd" d="M36 98 H164 V116 Q164 124 156 124 H44 Q36 124 36 116 Z"/>
            <rect class="a" x="46" y="82" width="108" height="16" rx="3"/>
            <rect class="s" x="46" y="66" width="108" height="16" rx="3"/>
            <path class="gl" d="M50 48 Q55 55 52 59 Q48 61 45 57 Q44 53 50 48 Z"/>
            """,
        ["Baking sheets"] = """
            <path class="s" d="M36 92 L64 62 H172 L144 92 Z"/>
            <path class="m" d="M22 112 L52 78 H164 L134 112 Z"/>
            <ellipse class="wd" cx="62" cy="100" rx="11" ry="6"/><ellipse class="wd" cx="92" cy="100" rx="11" ry="6"/><ellipse class="wd" cx="122" cy="100" rx="11" ry="6"/>
            <ellipse class="wd" cx="78" cy="86" rx="11" ry="6"/><ellipse class="wd" cx="108" cy="86" rx="11" ry="6"/><ellipse class="wd" cx="138" cy="86" rx="11" ry="6"/>
            <circle class="k" cx="60" cy="99" r="2"/><circle class="k" cx="94" cy="101" r="2"/><circle class="k" cx="120" cy="99" r="2"/><circle class="k" cx="80" cy="85" r="2"/><circle class="k" cx="106" cy="87" r="2"/><circle class="k" cx="140" cy="85" r="2"/>
            """,
        ["Salad spinner"] = """
            <path class="gl" d="M44 66 H156 Q152 118 100 124 Q48 118 44 66 Z"/>
            <path class="n t" stroke-dasharray="4 4" d="M60 70 Q62 106 100 112 Q138 106 140 70"/>
            <path class="lf" d="M62 88 Q80 70 98 88 Q80 102 62 88 Z"/><path class="lf" d="M100 94 Q118 78 138 92 Q118 106 100 94 Z"/>
            <path class="a" d="M40 58 Q40 48 50 48 H150 Q160 48 160 58 V66 H40 Z"/>
            <rect class="w" x="93" y="30" width="14" height="18" rx="3"/>
            <rect class="a" x="84" y="22" width="32" height="10" rx="5"/>
            """,
        ["Wooden spoons"] = """
            <g transform="rotate(-24 100 126)"><rect class="wd" x="96" y="58" width="8" height="68" rx="4"/><ellipse class="wd" cx="100" cy="44" rx="13" ry="20"/></g>
            <g transform="rotate(24 100 126)"><rect class="wd" x="96" y="58" width="8" height="68" rx="4"/><rect class="wd" x="86" y="22" width="28" height="38" rx="8"/><path class="n t" d="M94 30 V52 M106 30 V52"/></g>
            <rect class="wd" x="96" y="54" width="8" height="72" rx="4"/><ellipse class="wd" cx="100" cy="38" rx="14" ry="20"/><ellipse class="sl" cx="100" cy="36" rx="7" ry="11"/>
            <rect class="a" x="94" y="104" width="12" height="20" rx="4"/>
            """,
        ["Pasta maker"] = """
            <path class="w" d="M72 102 H120 Q130 110 118 116 Q104 122 116 126 H66 Q56 118 70 112 Q80 106 72 102 Z"/>
            <path class="n t" d="M80 104 Q74 114 78 124 M92 104 Q86 114 90 124 M104 104 Q98 114 102 124"/>
            <path class="n x" d="M134 74 H152 L158 48"/>
            <rect class="a" x="152" y="30" width="13" height="22" rx="5"/>
            <rect class="s" x="52" y="50" width="84" height="52" rx="7"/>
            <path class="n t" d="M52 62 H136"/>
            <circle class="a" cx="66" cy="78" r="7"/>
            <path class="d" d="M112 102 V116 H126"/>
            """,
        ["Mortar and pestle"] = """
            <g transform="rotate(28 110 60)"><rect class="wd" x="104" y="10" width="16" height="66" rx="8"/></g>
            <path class="lf" d="M70 66 Q78 54 88 64 Q78 72 70 66 Z"/><path class="lf" d="M116 64 Q126 52 134 64 Q124 72 116 64 Z"/>
            <path class="a" d="M44 70 H156 Q152 112 120 118 L124 124 H76 L80 118 Q48 112 44 70 Z"/>
            <ellipse class="a" cx="100" cy="70" rx="56" ry="9"/>
            <ellipse class="d" cx="100" cy="70" rx="46" ry="6"/>
            """,
        ["Linen apron"] = """
            <path class="n" d="M80 42 Q100 8 120 42"/>
            <path class="n t" d="M54 70 Q30 74 24 96 M146 70 Q170 74 176 96"/>
            <path class="a" d="M80 40 H120 L124 60 Q150 62 148 74 L140 124 H60 L52 74 Q50 62 76 60 Z"/>
            <rect class="w" x="76" y="84" width="48" height="26" rx="4"/>
            <path class="n t" d="M100 84 V110"/>
            """,
        ["Herb scissors"] = """
            <path class="lf" d="M132 34 Q146 20 160 30 Q148 44 132 34 Z"/><path class="lf" d="M150 50 Q166 40 176 52 Q162 62 150 50 Z"/>
            <path class="s" d="M30 40 H126 L118 48 H30 Z"/><path class="s" d="M30 52 H126 L118 60 H30 Z"/><path class="s" d="M30 64 H126 L118 72 H30 Z"/><path class="s" d="M30 76 H126 L118 84 H30 Z"/>
            <rect class="d" x="26" y="36" width="20" height="52" rx="4"/>
            <path class="a" d="M34 88 Q24 96 28 110 Q34 124 50 120 Q62 116 58 100 Z"/><ellipse class="w" cx="42" cy="106" rx="7" ry="9"/>
            <path class="a" d="M40 88 Q56 88 70 98 Q82 110 72 120 Q60 126 52 112 Z"/><ellipse class="w" cx="64" cy="110" rx="6" ry="7"/>
            """,
    };
}
