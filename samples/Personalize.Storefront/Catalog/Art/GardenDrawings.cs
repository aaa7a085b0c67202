namespace Personalize.Storefront.Catalog.Art;

/// <summary>The garden shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class GardenDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Pruning shears"] = """
            <g transform="rotate(-28 100 80)">
            <path class="m" d="M97 72 Q82 44 90 24 Q102 40 105 70 Z"/>
            <path class="s" d="M97 72 Q100 34 118 18 Q118 50 106 74 Z"/>
            <path class="a" d="M94 80 Q80 102 80 128 Q88 132 92 126 Q96 104 103 84 Z"/>
            <path class="a" d="M106 80 Q122 102 124 128 Q116 132 112 126 Q106 104 97 84 Z"/>
            <path class="n t" d="M92 96 L98 100 L104 96 L110 100"/>
            <circle class="d" cx="100" cy="76" r="6"/>
            </g>
            """,
        ["Seed collection"] = """
            <g transform="rotate(-18 100 130)"><rect class="w" x="76" y="34" width="48" height="66" rx="3"/><rect class="a" x="76" y="34" width="48" height="12"/><circle class="fl" cx="100" cy="70" r="9"/><circle class="sl" cx="100" cy="70" r="4"/><path class="n t" d="M100 80 V94"/></g>
            <g transform="rotate(18 100 130)"><rect class="w" x="76" y="34" width="48" height="66" rx="3"/><rect class="a" x="76" y="34" width="48" height="12"/><path class="fl" d="M92 60 H108 L100 94 Z"/><path class="lf" d="M100 60 Q92 50 96 48 Q100 52 100 60 Q104 50 108 50 Q106 58 100 60 Z"/></g>
            <rect class="w" x="76" y="40" width="48" height="66" rx="3"/><rect class="a" x="76" y="40" width="48" height="12"/>
            <path class="lf" d="M100 96 Q82 90 84 72 Q100 74 100 96 Z"/><path class="lf" d="M100 96 Q118 88 116 70 Q100 74 100 96 Z"/>
            <ellipse class="sl" cx="56" cy="120" rx="4" ry="3"/><ellipse class="sl" cx="146" cy="118" rx="4" ry="3"/><ellipse class="sl" cx="136" cy="124" rx="4" ry="3"/>
            """,
        ["Watering can"] = """
            <path class="gl" d="M176 66 Q180 74 177 78 Q173 80 171 76 Q171 72 176 66 Z"/><path class="gl" d="M166 74 Q170 82 167 86 Q163 88 161 84 Q161 80 166 74 Z"/>
            <path class="a" d="M120 100 L158 54 L166 60 L126 112 Z"/>
            <ellipse class="s" cx="164" cy="52" rx="7" ry="12" transform="rotate(40 164 52)"/>
            <path class="n x" d="M68 60 Q90 26 118 60"/>
            <path class="a" d="M58 58 H124 L128 116 Q128 124 120 124 H62 Q54 124 54 116 Z"/>
            <path class="nw t" d="M64 72 V112"/>
            """,
        ["Raised bed kit"] = """
            <path class="wd" d="M30 84 L46 66 H154 L170 84 Z"/>
            <path class="sl" d="M40 82 L52 70 H148 L160 82 Z"/>
            <path class="lf" d="M70 74 Q62 58 54 64 Q58 74 70 74 Z M70 74 Q78 56 88 62 Q84 74 70 74 Z"/>
            <path class="lf" d="M110 74 Q102 58 94 64 Q98 74 110 74 Z M110 74 Q118 56 128 62 Q124 74 110 74 Z"/>
            <path class="lf" d="M146 78 Q140 66 132 70 Q136 78 146 78 Z"/>
            <path class="wd" d="M30 84 H170 V122 H30 Z"/>
            <path class="n t" d="M30 103 H170"/>
            <rect class="sl" x="30" y="84" width="10" height="38"/><rect class="sl" x="160" y="84" width="10" height="38"/>
            """,
        ["Garden gloves"] = $"""
            <path class="a" d="{Shapes.Glove}"/>
            <path class="w" d="M68 100 H130 L138 124 H60 Z"/>
            <circle class="ka" cx="78" cy="112" r="3"/><circle class="ka" cx="92" cy="116" r="3"/><circle class="ka" cx="106" cy="110" r="3"/><circle class="ka" cx="120" cy="116" r="3"/>
            <path class="lf" d="M140 60 Q160 46 172 58 Q156 72 140 60 Z"/>
            """,
        ["Compost bin"] = """
            <path class="a" d="M58 46 H142 L150 124 H50 Z"/>
            <path class="d" d="M52 38 Q52 32 58 32 H142 Q148 32 148 38 V46 H52 Z"/>
            <rect class="d" x="90" y="24" width="20" height="8" rx="3"/>
            <path class="n t" d="M68 62 H82 M118 62 H132 M66 80 H80 M120 80 H134"/>
            <rect class="d" x="78" y="98" width="44" height="22" rx="3"/>
            <path class="lf" d="M96 60 Q114 58 112 80 Q94 82 96 60 Z"/>
            """,
        ["Hose reel"] = """
            <path class="n x" d="M54 124 L76 62 M146 124 L124 62"/>
            <circle class="a" cx="100" cy="78" r="40"/>
            <circle class="lf" cx="100" cy="78" r="30"/>
            <circle class="n t" cx="100" cy="78" r="23"/><circle class="n t" cx="100" cy="78" r="16"/>
            <circle class="a" cx="100" cy="78" r="9"/>
            <path class="n x" d="M100 78 L122 60"/><rect class="d" x="118" y="48" width="10" height="16" rx="3"/>
            <path class="n" style="stroke-width:7" d="M126 96 Q150 112 168 104"/>
            <rect class="d" x="164" y="96" width="14" height="12" rx="3"/>
            """,
        ["Trowel set"] = """
            <g transform="rotate(28 100 80)"><path class="n x" d="M88 22 V48 M96 22 V48 M104 22 V48 M112 22 V48"/><path class="m" d="M86 46 H114 Q114 62 100 64 Q86 62 86 46 Z"/><rect class="m" x="97" y="62" width="6" height="12"/><rect class="a" x="91" y="74" width="18" height="50" rx="8"/></g>
            <g transform="rotate(-28 100 80)"><path class="s" d="M86 22 Q100 8 114 22 L112 62 Q100 72 88 62 Z"/><path class="n t" d="M100 18 V62"/><rect class="m" x="97" y="64" width="6" height="12"/><rect class="a" x="91" y="74" width="18" height="50" rx="8"/></g>
            """,
        ["Bird feeder"] = """
            <path class="n" d="M100 8 V26"/>
            <rect class="gl" x="76" y="50" width="48" height="56" rx="4"/>
            <path class="sl" d="M77 84 H123 V102 Q123 105 120 105 H80 Q77 105 77 102 Z"/>
            <path class="a" d="M58 52 L100 24 L142 52 Z"/>
            <rect class="wd" x="64" y="106" width="72" height="9" rx="3"/>
            <path class="n x" d="M56 98 H76"/>
            <path class="fl" d="M34 96 Q38 80 52 84 Q56 76 64 78 L70 81 L63 85 Q64 96 52 98 Q40 100 34 96 Z"/>
            <circle class="k" cx="61" cy="81" r="1.6"/><path class="n t" d="M42 90 Q48 86 54 90"/>
            """,
        ["Potting soil"] = """
            <path class="a" d="M58 44 L142 44 L148 124 H52 Z"/>
            <path class="sl" d="M58 46 Q70 28 84 38 Q96 24 110 36 Q126 26 142 46 Z"/>
            <path class="n t" d="M58 54 Q100 60 142 54"/>
            <rect class="w" x="70" y="70" width="60" height="42" rx="4"/>
            <path class="n t" d="M100 106 V88"/>
            <path class="lf" d="M100 90 Q88 76 78 82 Q86 94 100 90 Z"/><path class="lf" d="M100 88 Q112 72 122 78 Q116 92 100 88 Z"/>
            """,
        ["Herb planter"] = """
            <path class="n t" d="M64 80 V50 M58 56 L64 62 L70 56 M58 66 L64 72 L70 66"/>
            <ellipse class="lf" cx="56" cy="48" rx="6" ry="10"/><ellipse class="lf" cx="72" cy="50" rx="6" ry="10"/><ellipse class="lf" cx="64" cy="40" rx="6" ry="10"/>
            <ellipse class="lf" cx="92" cy="62" rx="10" ry="7"/><ellipse class="lf" cx="108" cy="60" rx="10" ry="7"/><ellipse class="lf" cx="100" cy="48" rx="9" ry="8"/><ellipse class="lf" cx="100" cy="70" rx="12" ry="6"/>
            <path class="n" style="stroke:#2f7a39" d="M128 80 V40 M134 80 V34 M140 80 V44 M146 80 V38"/>
            <path class="a" d="M42 86 H158 L150 124 H50 Z"/>
            <rect class="a" x="38" y="78" width="124" height="10" rx="3"/>
            """,
        ["Garden kneeler"] = """
            <path class="n" style="stroke-width:7" d="M50 124 V60 Q50 38 66 38 Q80 38 80 56 V86 M150 124 V60 Q150 38 134 38 Q120 38 120 56 V86"/>
            <rect class="a" x="38" y="84" width="124" height="22" rx="9"/>
            <path class="nw t" d="M50 95 H150"/>
            """,
        ["Solar lights"] = """
            <g transform="translate(-34 0)"><rect class="d" x="97" y="84" width="6" height="42"/><rect class="gl" x="84" y="56" width="32" height="30" rx="4"/><circle class="fl" cx="100" cy="71" r="8"/><path class="d" d="M78 56 L84 42 H116 L122 56 Z"/><path class="nw t" d="M92 45 L90 53 M100 45 V53 M108 45 L110 53"/><path class="n t" d="M100 36 V28 M84 38 L80 32 M116 38 L120 32"/></g>
            <g transform="translate(34 8)"><rect class="d" x="97" y="84" width="6" height="34"/><rect class="gl" x="84" y="56" width="32" height="30" rx="4"/><circle class="fl" cx="100" cy="71" r="8"/><path class="a" d="M78 56 L84 42 H116 L122 56 Z"/><path class="nw t" d="M92 45 L90 53 M100 45 V53 M108 45 L110 53"/></g>
            """,
        ["Wheelbarrow"] = """
            <path class="n x" d="M58 108 L84 94 M128 94 L180 82 M118 96 L124 124"/>
            <path class="sl" d="M52 58 Q78 40 100 50 Q126 40 150 58 Z"/>
            <path class="a" d="M44 56 H156 L134 96 H68 Z"/>
            <circle class="d" cx="58" cy="108" r="16"/><circle class="s" cx="58" cy="108" r="5"/>
            """,
        ["Plant labels"] = """
            <path class="w" d="M50 40 H76 V98 L63 112 L50 98 Z" transform="rotate(-12 63 80)"/>
            <path class="a" d="M87 30 H113 V94 L100 108 L87 94 Z"/>
            <path class="w" d="M124 40 H150 V98 L137 112 L124 98 Z" transform="rotate(12 137 80)"/>
            <path class="n t" d="M60 52 L68 50 M58 62 L70 60"/><path class="nw t" d="M93 44 H107 M93 54 H105"/><path class="n t" d="M131 50 L141 52 M130 60 L142 62"/>
            <path class="sl" d="M26 110 Q100 98 174 110 V124 H26 Z"/>
            """,
        ["Rain barrel"] = """
            <path class="s" d="M96 8 H108 V40 H96 Z"/>
            <path class="a" d="M58 44 Q50 84 58 124 H142 Q150 84 142 44 Z"/>
            <ellipse class="a" cx="100" cy="44" rx="42" ry="8"/>
            <path class="n t" d="M55 64 Q100 72 145 64 M55 102 Q100 110 145 102"/>
            <path class="m" d="M142 98 H158 V108 H150 V114 H144 V108 H142 Z"/>
            <path class="gl" d="M147 118 Q151 124 147 127 Q143 124 147 118 Z"/>
            """,
        ["Lavender plants"] = """
            <path class="n" style="stroke:#3f7d3d" d="M80 84 L70 40 M90 84 L86 30 M100 84 V26 M110 84 L114 30 M120 84 L130 40"/>
            <ellipse class="lv" cx="70" cy="42" rx="5" ry="12" transform="rotate(-12 70 42)"/><ellipse class="lv" cx="86" cy="32" rx="5" ry="12" transform="rotate(-6 86 32)"/>
            <ellipse class="lv" cx="100" cy="28" rx="5" ry="12"/><ellipse class="lv" cx="114" cy="32" rx="5" ry="12" transform="rotate(6 114 32)"/><ellipse class="lv" cx="130" cy="42" rx="5" ry="12" transform="rotate(12 130 42)"/>
            <path class="lf" d="M76 84 Q70 70 80 66 Q86 76 84 84 Z M124 84 Q130 70 120 66 Q114 76 116 84 Z"/>
            <path class="a" d="M66 90 H134 L126 124 H74 Z"/>
            <rect class="a" x="62" y="82" width="76" height="10" rx="3"/>
            """,
    };
}
