namespace Personalize.Storefront.Catalog.Art;

/// <summary>The running shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class RunningDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Trail running shoes"] = """
            <path class="d" d="M34 110 H164 Q170 116 164 120 L160 126 L152 121 L146 126 L138 121 L132 126 L124 121 L118 126 L110 121 L104 126 L96 121 L90 126 L82 121 L76 126 L68 121 L62 126 L54 121 L48 126 L40 121 Q30 118 34 110 Z"/>
            <path class="a" d="M40 110 Q38 84 58 74 L78 68 Q92 66 104 76 L136 86 Q162 92 164 110 Z"/>
            <path class="w" d="M39 100 Q90 95 163 102 L164 110 H40 Z"/>
            <path class="n t" d="M84 74 L92 86 M92 72 L100 86 M100 76 L108 88"/>
            <path class="w" d="M52 78 Q64 66 80 70 Q66 80 52 78 Z"/>
            """,
        ["Running vest"] = """
            <path class="a" d="M62 28 H80 Q84 60 92 80 L90 124 H58 Q50 84 56 44 Z"/>
            <path class="a" d="M138 28 H120 Q116 60 108 80 L110 124 H142 Q150 84 144 44 Z"/>
            <rect class="gl" x="62" y="56" width="18" height="36" rx="7"/><rect class="d" x="64" y="46" width="14" height="11" rx="3"/>
            <rect class="gl" x="120" y="56" width="18" height="36" rx="7"/><rect class="d" x="122" y="46" width="14" height="11" rx="3"/>
            <path class="n x" d="M86 72 H114 M90 96 H110"/>
            <path class="nw t" d="M64 108 H86 M114 108 H136"/>
            """,
        ["Sports watch"] = """
            <rect class="a" x="82" y="16" width="36" height="112" rx="10"/>
            <circle class="kw" cx="100" cy="114" r="2.5"/><circle class="kw" cx="100" cy="122" r="2.5"/>
            <rect class="m" x="130" y="62" width="7" height="10" rx="2"/><rect class="m" x="130" y="80" width="7" height="10" rx="2"/>
            <circle class="d" cx="100" cy="76" r="33"/>
            <circle class="gl" cx="100" cy="76" r="24"/>
            <path class="n x" d="M88 72 H112"/><path class="n t" d="M92 82 H108"/>
            <path class="fl" d="M100 66 Q96 60 92 63 Q90 66 100 70 Q110 66 108 63 Q104 60 100 66 Z"/>
            """,
        ["Merino socks"] = """
            <g transform="translate(-22 -10)"><path class="s" d="M64 60 H96 V84 L128 96 Q142 102 138 116 Q132 124 118 120 L72 108 Q60 104 62 92 Z"/></g>
            <path class="w" d="M64 60 H96 V84 L128 96 Q142 102 138 116 Q132 124 118 120 L72 108 Q60 104 62 92 Z"/>
            <path class="a" d="M64 60 H96 V70 H64 Z"/>
            <path class="a" d="M122 98 Q142 102 138 116 Q132 124 118 120 Q114 108 122 98 Z"/>
            <path class="a" d="M63 92 Q60 104 72 108 Q80 98 76 88 Z"/>
            """,
        ["Foam roller"] = """
            <path class="a" d="M64 34 V114 Q100 132 136 114 V34 Z"/>
            <ellipse class="a" cx="100" cy="34" rx="36" ry="11"/>
            <ellipse class="d" cx="100" cy="34" rx="14" ry="4"/>
            <path class="d" d="M70 52 h10 v8 h-10z M90 56 h10 v8 h-10z M110 56 h10 v8 h-10z M126 52 h6 v8 h-6z M70 74 h10 v8 h-10z M90 78 h10 v8 h-10z M110 78 h10 v8 h-10z M126 74 h6 v8 h-6z M70 96 h10 v8 h-10z M90 100 h10 v8 h-10z M110 100 h10 v8 h-10z M126 96 h6 v8 h-6z"/>
            """,
        ["Running shorts"] = """
            <path class="a" d="M56 42 H144 L156 112 Q134 118 108 110 L100 76 L92 110 Q66 118 44 112 Z"/>
            <rect class="d" x="54" y="34" width="92" height="12" rx="4"/>
            <path class="nw t" d="M96 46 Q92 56 88 62 M104 46 Q108 56 112 62"/>
            <path class="n t" d="M46 100 L56 106 M154 100 L144 106"/>
            """,
        ["Reflective jacket"] = $"""
            <path class="a" d="{Shapes.LongSleeveTop}"/>
            <path class="d" d="M80 22 H120 V36 Q100 42 80 36 Z"/>
            <path class="s" d="M66 74 H134 V84 H66 Z M66 96 H134 V106 H66 Z"/>
            <path class="s" d="M42 90 L58 94 L56 102 L40 98 Z M158 90 L142 94 L144 102 L160 98 Z"/>
            <path class="n" d="M100 38 V124"/>
            <path class="fl" d="M160 56 L163 63 L170 66 L163 69 L160 76 L157 69 L150 66 L157 63 Z"/>
            """,
        ["Bottle belt"] = """
            <rect class="gl" x="52" y="36" width="24" height="54" rx="8"/><rect class="a" x="55" y="28" width="18" height="10" rx="3"/>
            <rect class="gl" x="124" y="36" width="24" height="54" rx="8"/><rect class="a" x="127" y="28" width="18" height="10" rx="3"/>
            <path class="d" d="M28 84 Q100 104 172 84 V100 Q100 120 28 100 Z"/>
            <rect class="a" x="48" y="66" width="32" height="34" rx="6"/><rect class="a" x="120" y="66" width="32" height="34" rx="6"/>
            <rect class="m" x="92" y="94" width="16" height="14" rx="2"/>
            """,
        ["Compression sleeves"] = """
            <path class="a" d="M58 28 H90 Q96 70 86 122 H66 Q54 70 58 28 Z"/>
            <path class="a" d="M110 28 H142 Q148 70 138 122 H118 Q106 70 110 28 Z"/>
            <path class="nw t" d="M62 50 L74 58 L88 50 M62 70 L74 78 L90 70 M64 90 L74 98 L88 90 M114 50 L126 58 L140 50 M114 70 L126 78 L142 70 M116 90 L126 98 L140 90"/>
            <path class="n t" d="M58 36 H90 M110 36 H142"/>
            """,
        ["Running cap"] = """
            <path class="a" d="M136 80 Q166 80 180 94 Q160 98 134 92 Z"/>
            <path class="a" d="M52 88 Q50 44 96 40 Q140 40 142 88 Z"/>
            <path class="n t" d="M96 42 Q82 60 80 88 M96 42 Q112 60 114 88"/>
            <circle class="a" cx="96" cy="40" r="4"/>
            <circle class="kw" cx="66" cy="66" r="2"/><circle class="kw" cx="66" cy="76" r="2"/><circle class="kw" cx="126" cy="66" r="2"/><circle class="kw" cx="126" cy="76" r="2"/>
            <path class="d" d="M52 84 H142 V92 H52 Z"/>
            """,
        ["Energy gels"] = """
            <g transform="rotate(-20 100 132)"><path class="a" d="M88 28 H112 V40 H120 V116 H80 V40 H88 Z"/><path class="n t" d="M80 48 H120"/></g>
            <g transform="rotate(20 100 132)"><path class="a" d="M88 28 H112 V40 H120 V116 H80 V40 H88 Z"/><path class="n t" d="M80 48 H120"/></g>
            <path class="w" d="M88 24 H112 V36 H120 V118 H80 V36 H88 Z"/><path class="n t" d="M80 44 H120"/>
            <path class="fl" d="M104 56 L90 80 H100 L94 102 L112 74 H102 L108 56 Z"/>
            """,
        ["Phone armband"] = """
            <path class="d" d="M30 70 Q100 54 170 70 V98 Q100 82 30 98 Z"/>
            <circle class="kw" cx="150" cy="78" r="2.5"/><circle class="kw" cx="160" cy="80" r="2.5"/>
            <rect class="a" x="74" y="30" width="52" height="90" rx="9"/>
            <rect class="gl" x="80" y="40" width="40" height="66" rx="3"/>
            <rect class="d" x="94" y="33" width="12" height="3" rx="1.5"/>
            <path class="n t" d="M86 56 H112 M86 66 H106 M86 76 H110"/>
            """,
        ["Road shoes"] = """
            <path class="w" d="M30 104 H166 Q172 112 164 120 H38 Q28 114 30 104 Z"/>
            <path class="n t" d="M34 116 H164"/>
            <path class="a" d="M36 106 Q34 82 54 74 L72 70 Q86 66 98 74 L134 84 Q164 90 166 106 Z"/>
            <path class="nw x" d="M52 96 L98 80 L132 100"/>
            <path class="n t" d="M82 72 L90 82 M90 70 L98 82 M98 74 L106 84"/>
            """,
        ["Thermal tights"] = """
            <path class="a" d="M62 32 H138 L142 62 L132 124 H108 L100 68 L92 124 H68 L58 62 Z"/>
            <rect class="d" x="60" y="26" width="80" height="10" rx="3"/>
            <path class="n t" d="M78 80 Q80 86 86 86 M122 80 Q120 86 114 86"/>
            <path class="nw x" d="M72 114 H90 M110 114 H128"/>
            """,
        ["Massage ball"] = """
            <path class="a" d="M142 78 L133 85 L139 94 L128 97 L130 108 L119 106 L116 117 L107 111 L100 120 L93 111 L84 117 L81 106 L70 108 L72 97 L61 94 L67 85 L58 78 L67 71 L61 62 L72 59 L70 48 L81 50 L84 39 L93 45 L100 36 L107 45 L116 39 L119 50 L130 48 L128 59 L139 62 L133 71 Z"/>
            <circle class="kw" cx="92" cy="70" r="3"/><circle class="kw" cx="108" cy="66" r="3"/><circle class="kw" cx="100" cy="84" r="3"/><circle class="kw" cx="116" cy="84" r="3"/><circle class="kw" cx="84" cy="88" r="3"/>
            <path class="nw t" d="M78 62 Q84 52 94 50"/>
            """,
        ["Race belt"] = """
            <path class="d" d="M24 94 Q100 110 176 94 V104 Q100 120 24 104 Z"/>
            <rect class="w" x="60" y="40" width="80" height="62" rx="4"/>
            <rect class="a" x="60" y="40" width="80" height="12"/>
            <path class="n x" d="M86 62 L76 82 H94 M90 66 V92 M102 66 Q102 60 110 60 Q120 60 120 68 Q120 74 102 92 H122"/>
            <circle class="a" cx="64" cy="100" r="5"/><circle class="a" cx="136" cy="100" r="5"/>
            """,
        ["Headband"] = """
            <ellipse class="n" style="stroke-width:20" cx="100" cy="80" rx="58" ry="28"/>
            <ellipse class="na" style="stroke-width:14" cx="100" cy="80" rx="58" ry="28"/>
            <path class="nw x" d="M86 108 H114"/>
            <path class="n t" d="M52 58 Q100 40 148 58"/>
            """,
    };
}
