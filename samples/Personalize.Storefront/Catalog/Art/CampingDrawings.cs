namespace Personalize.Storefront.Catalog.Art;

/// <summary>The camping shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class CampingDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Two-person tent"] = """
            <path class="n t" d="M50 80 L18 122 M150 80 L182 122"/>
            <path class="a" d="M30 124 Q56 42 100 34 Q144 42 170 124 Z"/>
            <path class="w" d="M100 46 Q86 90 76 124 H124 Q114 90 100 46 Z"/>
            <path class="n t" d="M100 48 V124"/>
            <path class="n" d="M16 118 L20 126 M184 118 L180 126"/>
            """,
        ["Sleeping bag"] = """
            <path class="a" d="M72 30 Q100 14 128 30 Q142 64 132 124 H68 Q58 64 72 30 Z"/>
            <ellipse class="w" cx="100" cy="38" rx="18" ry="11"/>
            <path class="n t" d="M70 62 Q100 68 130 62 M68 82 Q100 88 132 82 M68 102 Q100 108 132 102"/>
            <path class="n" d="M118 48 Q124 86 120 124"/>
            """,
        ["Camp stove"] = """
            <path class="fl" d="M84 52 Q86 36 94 30 Q94 42 100 44 Q104 34 112 28 Q116 44 116 52 Z"/>
            <path class="n" d="M70 54 L62 44 M130 54 L138 44"/>
            <path class="m" d="M74 52 H126 L118 62 H82 Z"/>
            <rect class="s" x="93" y="62" width="14" height="12"/>
            <path class="n t" d="M107 68 H120"/><circle class="a" cx="124" cy="68" r="5"/>
            <path class="a" d="M68 86 Q68 74 100 74 Q132 74 132 86 V118 Q132 124 126 124 H74 Q68 124 68 118 Z"/>
            <path class="nw x" d="M76 100 H124"/>
            """,
        ["Headlamp"] = """
            <ellipse class="na" style="stroke-width:11" cx="100" cy="84" rx="58" ry="24"/>
            <ellipse class="n" cx="100" cy="84" rx="64" ry="30"/>
            <path class="n t" d="M100 66 V56 M80 72 L72 64 M120 72 L128 64"/>
            <rect class="d" x="76" y="78" width="48" height="36" rx="12"/>
            <circle class="fl" cx="100" cy="96" r="11"/>
            <circle class="kw" cx="96" cy="92" r="3"/>
            """,
        ["Water filter"] = """
            <path class="gl" d="M44 52 Q44 42 54 42 H94 Q104 42 104 52 V112 Q104 122 94 122 H54 Q44 122 44 112 Z"/>
            <path class="n t" d="M46 68 Q54 63 62 68 T78 68 T94 68 T102 68"/>
            <rect class="a" x="64" y="30" width="20" height="14" rx="3"/>
            <rect class="a" x="118" y="38" width="30" height="62" rx="10"/>
            <rect class="w" x="124" y="28" width="18" height="12" rx="3"/>
            <path class="n t" d="M118 58 H148 M118 80 H148"/>
            <path class="gl" d="M133 106 Q141 116 133 122 Q125 116 133 106 Z"/>
            """,
        ["Camp chair"] = """
            <path class="n x" d="M60 30 V96 M140 30 V96"/>
            <path class="a" d="M62 30 Q100 40 138 30 V72 Q100 80 62 72 Z"/>
            <path class="a" d="M56 74 Q100 88 144 74 L140 94 Q100 104 60 94 Z"/>
            <path class="n x" d="M64 96 L134 124 M136 96 L66 124"/>
            <path class="n x" d="M50 64 H68 M132 64 H150"/>
            """,
        ["Lantern"] = """
            <path class="n x" d="M82 36 Q100 12 118 36"/>
            <path class="d" d="M74 34 H126 L118 46 H82 Z"/>
            <rect class="gl" x="80" y="46" width="40" height="56" rx="6"/>
            <path class="fl" d="M100 58 Q112 74 105 88 Q100 94 95 88 Q88 74 100 58 Z"/>
            <path class="n t" d="M86 46 V102 M114 46 V102"/>
            <path class="a" d="M72 102 H128 L132 124 H68 Z"/>
            """,
        ["Cooler box"] = """
            <path class="n x" d="M70 42 Q72 26 100 26 Q128 26 130 42"/>
            <rect class="a" x="46" y="58" width="108" height="66" rx="10"/>
            <path class="w" d="M42 48 Q42 42 48 42 H152 Q158 42 158 48 V62 H42 Z"/>
            <rect class="w" x="92" y="62" width="16" height="14" rx="3"/>
            <path class="nw x" d="M58 102 H142"/>
            """,
        ["Hammock"] = """
            <rect class="wd" x="22" y="50" width="11" height="76" rx="3"/><circle class="lf" cx="27" cy="40" r="18"/>
            <rect class="wd" x="167" y="50" width="11" height="76" rx="3"/><circle class="lf" cx="173" cy="40" r="18"/>
            <path class="n" d="M33 66 L58 80 M167 66 L142 80"/>
            <path class="a" d="M56 76 Q100 124 144 76 Q100 98 56 76 Z"/>
            <path class="nw t" d="M70 90 Q100 112 130 90"/>
            """,
        ["Sleeping pad"] = """
            <path class="a" d="M60 58 H146 A14 28 0 0 1 146 114 H60 Z"/>
            <path class="n t" d="M84 58 V114 M108 58 V114 M132 58 V114"/>
            <ellipse class="a" cx="60" cy="86" rx="14" ry="28"/>
            <path class="n t" d="M60 86 m-3 0 a3 4 0 1 1 6 0 a6 9 0 1 1 -12 0 a9 15 0 1 1 18 0 a11 20 0 1 1 -22 0"/>
            <rect class="d" x="92" y="54" width="8" height="64" rx="2"/><rect class="d" x="120" y="54" width="8" height="64" rx="2"/>
            """,
        ["Tarp"] = """
            <path class="n t" d="M38 44 L16 124 M138 40 L170 96"/>
            <path class="a" d="M38 44 L138 36 L172 112 L66 120 Z"/>
            <path class="nw t" d="M88 40 L118 116"/>
            <path class="n x" d="M38 44 V126 M138 36 V126"/>
            <circle class="w" cx="172" cy="112" r="3"/><circle class="w" cx="66" cy="120" r="3"/>
            """,
        ["Dry bag"] = """
            <path class="a" d="M70 46 H130 Q138 48 138 58 V112 Q138 124 124 124 H76 Q62 124 62 112 V58 Q62 48 70 46 Z"/>
            <path class="n" d="M64 40 Q70 22 92 22 M136 40 Q130 22 108 22"/>
            <rect class="d" x="90" y="16" width="20" height="12" rx="3"/>
            <rect class="w" x="60" y="32" width="80" height="18" rx="6"/>
            <path class="n t" d="M60 41 H140"/>
            <path class="nw x" d="M76 72 H124"/>
            """,
        ["Mess kit"] = """
            <path class="s" d="M52 66 H128 V112 Q128 124 116 124 H64 Q52 124 52 112 Z"/>
            <path class="n x" d="M128 76 H158"/>
            <rect class="m" x="48" y="58" width="84" height="10" rx="4"/>
            <rect class="a" x="82" y="48" width="16" height="10" rx="3"/>
            <path class="n t" d="M52 90 H128"/>
            <g transform="rotate(24 152 60)"><path class="a" d="M146 18 Q146 10 152 10 Q158 10 158 18 V32 Q158 38 154 40 V92 H150 V40 Q146 38 146 32 Z"/><path class="n t" d="M150 10 V24 M154 10 V24"/></g>
            """,
        ["Fire starter"] = """
            <g transform="rotate(-30 90 90)"><rect class="wd" x="36" y="82" width="42" height="18" rx="7"/><rect class="d" x="78" y="86" width="64" height="10" rx="3"/><circle class="n t" cx="44" cy="91" r="3"/></g>
            <rect class="s" x="118" y="34" width="36" height="14" rx="3" transform="rotate(35 136 41)"/>
            <path class="fl" d="M150 80 L154 92 L166 96 L154 100 L150 112 L146 100 L134 96 L146 92 Z"/>
            <path class="fl" d="M170 62 L172 68 L178 70 L172 72 L170 78 L168 72 L162 70 L168 68 Z"/>
            <path class="fl" d="M128 104 L130 110 L136 112 L130 114 L128 120 L126 114 L120 112 L126 110 Z"/>
            """,
        ["Camp table"] = """
            <path class="n x" d="M54 70 L146 124 M146 70 L54 124"/>
            <path class="wd" d="M32 54 H168 L160 72 H40 Z"/>
            <path class="n t" d="M66 54 L64 72 M100 54 V72 M134 54 L136 72"/>
            """,
        ["Bivy sack"] = """
            <path class="a" d="M20 124 Q28 100 80 96 Q118 94 138 74 Q152 62 166 74 Q178 88 180 124 Z"/>
            <path class="gl" d="M142 84 Q152 72 162 80 Q168 92 166 106 H144 Q138 96 142 84 Z"/>
            <path class="n" d="M136 76 Q156 54 172 84"/>
            <path class="n t" d="M36 114 Q88 106 132 98"/>
            """,
        ["Camp pillow"] = """
            <path class="a" d="M42 62 Q40 50 52 50 H136 Q148 50 146 62 Q150 86 146 110 Q148 122 136 122 H52 Q40 122 42 110 Q38 86 42 62 Z"/>
            <path class="nw t" d="M54 58 Q50 86 54 114 M134 58 Q138 86 134 114"/>
            <path class="n t" d="M70 90 Q94 84 118 90"/>
            <path class="d" d="M142 40 Q156 34 164 44 Q170 58 158 64 Q144 66 140 54 Z"/>
            <path class="n t" d="M142 40 Q138 32 146 30"/>
            """,
    };
}
