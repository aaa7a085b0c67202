namespace Personalize.Storefront.Catalog.Art;

/// <summary>The hiking shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class HikingDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Hiking boots"] = """
            <path class="d" d="M52 110 H152 Q160 117 153 125 H57 Q48 117 52 110 Z"/>
            <path class="a" d="M66 30 H102 L106 74 Q140 78 151 96 Q155 104 152 110 H54 Q56 70 66 30 Z"/>
            <path class="d" d="M122 82 Q144 86 151 98 Q154 104 152 110 H120 Q116 96 122 82 Z"/>
            <rect class="w" x="63" y="26" width="42" height="12" rx="5"/>
            <path class="n t" d="M86 46 L106 50 M86 56 L106 60 M88 66 L110 72 M92 76 L114 82"/>
            <path class="n t" d="M62 118 H146"/>
            """,
        ["Trekking poles"] = """
            <g transform="rotate(-16 100 80)"><rect class="m" x="96" y="36" width="8" height="92" rx="3"/><rect class="a" x="92" y="20" width="16" height="34" rx="7"/><ellipse class="d" cx="100" cy="110" rx="13" ry="4"/><path class="n t" d="M93 24 Q80 36 93 48"/></g>
            <g transform="rotate(16 100 80)"><rect class="m" x="96" y="36" width="8" height="92" rx="3"/><rect class="a" x="92" y="20" width="16" height="34" rx="7"/><ellipse class="d" cx="100" cy="110" rx="13" ry="4"/><path class="n t" d="M107 24 Q120 36 107 48"/></g>
            """,
        ["Day pack"] = """
            <path class="n x" d="M86 40 Q100 18 114 40"/>
            <rect class="d" x="54" y="66" width="12" height="36" rx="4"/><rect class="d" x="134" y="66" width="12" height="36" rx="4"/>
            <rect class="a" x="62" y="36" width="76" height="88" rx="24"/>
            <path class="n t" d="M70 58 Q100 46 130 58"/>
            <rect class="w" x="74" y="78" width="52" height="36" rx="10"/>
            <path class="n t" d="M80 88 H120"/><rect class="d" x="96" y="86" width="8" height="12" rx="2"/>
            """,
        ["Rain shell"] = """
            <path class="a" d="M72 40 Q74 20 100 18 Q126 20 128 40 L152 52 L164 104 L146 108 L136 72 V124 H64 V72 L54 108 L36 104 L48 52 Z"/>
            <path class="w" d="M84 40 Q86 28 100 27 Q114 28 116 40 Q100 48 84 40 Z"/>
            <path class="n" d="M100 46 V124"/>
            <path class="n t" d="M74 90 L90 86 M126 90 L110 86"/>
            <path class="gl" d="M164 22 Q170 30 168 34 Q164 38 160 34 Q158 30 164 22 Z"/>
            <path class="gl" d="M34 30 Q40 38 38 42 Q34 46 30 42 Q28 38 34 30 Z"/>
            <path class="gl" d="M176 56 Q182 64 180 68 Q176 72 172 68 Q170 64 176 56 Z"/>
            """,
        ["Trail map set"] = """
            <path class="w" d="M42 40 L78 30 L122 40 L158 30 V112 L122 122 L78 112 L42 122 Z"/>
            <path class="s" d="M78 30 L122 40 V122 L78 112 Z"/>
            <path class="n t" d="M50 62 Q62 52 72 62 M128 58 Q140 48 150 58 M86 94 Q98 84 114 96"/>
            <path class="na" stroke-dasharray="1 8" d="M50 108 Q72 72 98 82 T146 52"/>
            <path class="a" d="M146 26 A10 10 0 0 1 156 36 Q156 45 146 54 Q136 45 136 36 A10 10 0 0 1 146 26 Z"/>
            <circle class="w" cx="146" cy="36" r="3.5"/>
            """,
        ["Merino base layer"] = $"""
            <path class="a" d="{Shapes.LongSleeveTop}"/>
            <path class="w" d="M80 31 Q100 46 120 31 Q100 38 80 31 Z"/>
            <path class="nw x" d="M66 74 H134"/>
            <path class="n t" d="M38 100 L56 104 M162 100 L144 104 M66 116 H134"/>
            """,
        ["Gaiters"] = """
            <g transform="translate(-22 0)"><path class="a" d="M60 34 H92 L96 96 Q106 104 106 116 Q94 124 62 122 Q54 112 60 98 Z"/><rect class="w" x="57" y="28" width="38" height="12" rx="4"/><path class="n t" d="M78 42 V96"/><path class="n x" d="M64 120 Q84 128 104 118"/></g>
            <g transform="translate(30 0)"><path class="a" d="M60 34 H92 L96 96 Q106 104 106 116 Q94 124 62 122 Q54 112 60 98 Z"/><rect class="w" x="57" y="28" width="38" height="12" rx="4"/><path class="n t" d="M78 42 V96"/><path class="n x" d="M64 120 Q84 128 104 118"/></g>
            """,
        ["Hiking socks"] = """
            <g transform="translate(-24 -4)"><path class="s" d="M76 26 H110 V80 L138 96 Q152 104 146 118 Q140 126 126 122 L84 106 Q72 100 74 88 Z"/></g>
            <path class="w" d="M76 26 H110 V80 L138 96 Q152 104 146 118 Q140 126 126 122 L84 106 Q72 100 74 88 Z"/>
            <path class="a" d="M76 26 H110 V40 H76 Z"/>
            <path class="na t" d="M77 48 H109 M77 56 H109"/>
            <path class="a" d="M130 100 Q150 104 146 118 Q140 126 126 122 Q122 110 130 100 Z"/>
            <path class="a" d="M75 86 Q72 100 84 106 Q94 96 90 84 Z"/>
            """,
        ["Compass"] = """
            <circle class="n x" cx="100" cy="30" r="7"/>
            <circle class="s" cx="100" cy="80" r="44"/>
            <circle class="w" cx="100" cy="80" r="33"/>
            <path class="n t" d="M100 50 V56 M100 104 V110 M70 80 H76 M124 80 H130"/>
            <path class="a" d="M100 54 L109 80 H91 Z"/>
            <path class="d" d="M100 106 L109 80 H91 Z"/>
            <circle class="w" cx="100" cy="80" r="4"/>
            """,
        ["Trail first-aid kit"] = """
            <path class="n x" d="M84 48 V38 Q84 34 88 34 H112 Q116 34 116 38 V48"/>
            <rect class="a" x="50" y="46" width="100" height="76" rx="16"/>
            <path class="n t" d="M50 62 H150"/>
            <path class="w" d="M92 70 H108 V82 H120 V98 H108 V110 H92 V98 H80 V82 H92 Z"/>
            """,
        ["Sun hat"] = """
            <ellipse class="w" cx="100" cy="100" rx="70" ry="18"/>
            <path class="n t" d="M40 104 Q100 124 160 104"/>
            <path class="w" d="M64 100 Q62 50 100 48 Q138 50 136 100 Q100 108 64 100 Z"/>
            <path class="a" d="M64 86 Q100 94 136 86 L136 98 Q100 106 64 98 Z"/>
            """,
        ["Softshell jacket"] = """
            <path class="a" d="M80 30 H120 L124 36 L150 46 L164 106 L146 110 L136 70 V124 H64 V70 L54 110 L36 106 L50 46 L76 36 Z"/>
            <path class="d" d="M50 46 L76 36 L80 52 L56 62 Z M150 46 L124 36 L120 52 L144 62 Z"/>
            <path class="d" d="M80 24 H120 V38 Q100 44 80 38 Z"/>
            <path class="n" d="M100 40 V124"/>
            <path class="n t" d="M110 62 L128 70"/>
            <path class="n t" d="M64 116 H136"/>
            """,
        ["Hydration bladder"] = """
            <path class="n x" d="M128 104 Q160 104 158 70 Q156 44 144 34"/>
            <rect class="a" x="134" y="18" width="14" height="18" rx="5" transform="rotate(-30 141 27)"/>
            <path class="gl" d="M58 44 Q58 32 70 32 H116 Q128 32 128 44 V110 Q128 124 114 124 H72 Q58 124 58 110 Z"/>
            <path class="n t" d="M60 66 Q68 61 76 66 T92 66 T108 66 T124 66"/>
            <rect class="a" x="78" y="24" width="30" height="14" rx="4"/>
            """,
        ["Trail gloves"] = $"""
            <path class="a" d="{Shapes.Glove}"/>
            <rect class="d" x="70" y="104" width="58" height="20" rx="4"/>
            <path class="nw" d="M82 84 H124"/>
            <path class="n t" d="M84 44 V52 M97 36 V44 M111 40 V48 M125 52 V58"/>
            """,
        ["Approach shoes"] = """
            <path class="d" d="M40 110 H160 Q166 118 158 124 H46 Q38 118 40 110 Z"/>
            <path class="a" d="M48 110 Q44 86 62 74 L84 70 Q100 66 110 78 L140 88 Q160 94 160 110 Z"/>
            <path class="d" d="M126 84 L140 88 Q160 94 160 110 H124 Q120 96 126 84 Z"/>
            <path class="w" d="M58 76 Q72 62 88 70 Q74 80 58 76 Z"/>
            <path class="n t" d="M92 74 L100 86 M100 72 L108 86 M108 76 L116 88"/>
            """,
        ["Insulated vest"] = """
            <path class="a" d="M74 30 Q100 42 126 30 L140 38 Q132 58 140 74 V124 H60 V74 Q68 58 60 38 Z"/>
            <path class="n t" d="M64 58 H94 M106 58 H136 M62 80 H94 M106 80 H138 M62 102 H94 M106 102 H138"/>
            <path class="n" d="M100 40 V124"/>
            <path class="w" d="M74 30 Q100 46 126 30 Q100 38 74 30 Z"/>
            """,
        ["Pocket knife"] = """
            <g transform="rotate(-20 100 80)">
            <path class="s" d="M102 70 L164 66 Q152 84 102 86 Z"/>
            <rect class="a" x="40" y="66" width="68" height="24" rx="12"/>
            <path class="w" d="M68 72 H76 V76 H80 V82 H76 V86 H68 V82 H64 V76 H68 Z"/>
            <circle class="w" cx="52" cy="78" r="3"/><circle class="w" cx="98" cy="78" r="3"/>
            </g>
            """,
    };
}
