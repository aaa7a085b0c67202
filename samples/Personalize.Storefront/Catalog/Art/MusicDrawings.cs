namespace Personalize.Storefront.Catalog.Art;

/// <summary>The music shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class MusicDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Wireless headphones"] = """
            <path class="n" style="stroke-width:15" d="M52 92 V74 Q52 28 100 28 Q148 28 148 74 V92"/>
            <path class="na" style="stroke-width:8" d="M52 92 V74 Q52 28 100 28 Q148 28 148 74 V92"/>
            <rect class="d" x="60" y="80" width="12" height="38" rx="5"/><rect class="a" x="36" y="74" width="30" height="50" rx="13"/>
            <rect class="d" x="128" y="80" width="12" height="38" rx="5"/><rect class="a" x="134" y="74" width="30" height="50" rx="13"/>
            """,
        ["Bluetooth speaker"] = """
            <path class="n t" d="M168 70 Q176 85 168 100 M178 62 Q190 85 178 108 M32 70 Q24 85 32 100"/>
            <rect class="d" x="76" y="42" width="10" height="8" rx="2"/><rect class="d" x="114" y="42" width="10" height="8" rx="2"/>
            <rect class="a" x="44" y="48" width="112" height="74" rx="32"/>
            <rect class="d" x="56" y="58" width="88" height="54" rx="24"/>
            <path class="kw" d="M70 74 h4 v4 h-4z M82 74 h4 v4 h-4z M94 74 h4 v4 h-4z M106 74 h4 v4 h-4z M118 74 h4 v4 h-4z M130 74 h4 v4 h-4z M70 86 h4 v4 h-4z M82 86 h4 v4 h-4z M94 86 h4 v4 h-4z M106 86 h4 v4 h-4z M118 86 h4 v4 h-4z M130 86 h4 v4 h-4z M76 98 h4 v4 h-4z M88 98 h4 v4 h-4z M100 98 h4 v4 h-4z M112 98 h4 v4 h-4z M124 98 h4 v4 h-4z"/>
            """,
        ["Turntable"] = """
            <rect class="wd" x="28" y="108" width="144" height="14" rx="4"/>
            <rect class="wd" x="28" y="44" width="144" height="68" rx="8"/>
            <ellipse class="d" cx="84" cy="78" rx="44" ry="28"/>
            <ellipse class="nw t" cx="84" cy="78" rx="32" ry="20"/><ellipse class="nw t" cx="84" cy="78" rx="22" ry="14"/>
            <ellipse class="a" cx="84" cy="78" rx="11" ry="7"/>
            <path class="n x" d="M150 54 L146 92 L122 100"/>
            <circle class="m" cx="150" cy="54" r="8"/><rect class="d" x="112" y="96" width="14" height="8" rx="2"/>
            <circle class="w" cx="158" cy="100" r="4"/>
            """,
        ["Ukulele"] = """
            <g transform="rotate(-38 100 80)">
            <rect class="d" x="92" y="2" width="16" height="16" rx="3"/>
            <rect class="wd" x="94" y="14" width="12" height="56"/>
            <path class="a" d="M100 64 Q76 62 78 84 Q80 96 76 108 Q74 130 100 130 Q126 130 124 108 Q120 96 122 84 Q124 62 100 64 Z"/>
            <circle class="d" cx="100" cy="94" r="9"/>
            <rect class="d" x="89" y="114" width="22" height="5" rx="2"/>
            <path class="nw t" d="M96.5 16 V114 M99 16 V114 M101.5 16 V114 M104 16 V114"/>
            </g>
            """,
        ["Acoustic guitar"] = """
            <g transform="translate(8 12) scale(.92) rotate(14 100 74)">
            <rect class="d" x="91" y="-2" width="18" height="18" rx="3"/>
            <rect class="wd" x="94" y="14" width="12" height="46"/>
            <path class="a" d="M100 52 Q68 50 70 76 Q72 88 64 102 Q56 134 100 132 Q144 134 136 102 Q128 88 130 76 Q132 50 100 52 Z"/>
            <circle class="d" cx="100" cy="86" r="12"/>
            <rect class="d" x="86" y="112" width="28" height="6" rx="2"/>
            <path class="nw t" d="M96 14 V112 M98.4 14 V112 M100.8 14 V112 M103.2 14 V112 M95 12 V14 M105 12 V14"/>
            </g>
            """,
        ["Guitar strings"] = """
            <circle class="n" style="stroke:#aab2bd;stroke-width:4" cx="146" cy="96" r="22"/>
            <circle class="n" style="stroke:#aab2bd;stroke-width:4" cx="146" cy="96" r="17"/>
            <rect class="a" x="44" y="32" width="86" height="88" rx="6"/>
            <circle class="w" cx="87" cy="76" r="26"/>
            <circle class="n t" cx="87" cy="76" r="18"/><circle class="n t" cx="87" cy="76" r="11"/>
            <circle class="m" cx="105" cy="76" r="3.5"/>
            <path class="nw x" d="M56 44 H84"/>
            """,
        ["Studio microphone"] = """
            <path class="d" d="M72 116 H128 L132 124 H68 Z"/>
            <path class="n x" d="M100 98 V116"/>
            <path class="n" d="M64 72 Q64 60 100 60 Q136 60 136 72 Q136 84 100 84 Q64 84 64 72 Z"/>
            <rect class="m" x="80" y="20" width="40" height="80" rx="20"/>
            <path class="n t" d="M82 34 H118 M80 44 H120 M80 54 H120"/>
            <path class="a" d="M80 64 H120 V80 Q120 100 100 100 Q80 100 80 80 Z"/>
            <path class="n t" d="M64 72 L80 68 M136 72 L120 68"/>
            """,
        ["Earbuds"] = """
            <path class="w" d="M40 90 H104 V104 Q104 124 72 124 Q40 124 40 104 Z"/>
            <path class="w" d="M40 86 Q40 64 72 64 Q104 64 104 86 Z"/>
            <path class="n t" d="M40 88 H104"/><circle class="lf" cx="72" cy="110" r="3"/>
            <g transform="rotate(-14 134 72)"><rect class="a" x="128" y="68" width="12" height="40" rx="6"/><circle class="a" cx="134" cy="62" r="15"/><ellipse class="d" cx="126" cy="58" rx="6" ry="7"/></g>
            <g transform="rotate(20 164 82)"><rect class="a" x="158" y="78" width="12" height="40" rx="6"/><circle class="a" cx="164" cy="72" r="15"/><ellipse class="d" cx="172" cy="68" rx="6" ry="7"/></g>
            """,
        ["Vinyl cleaning kit"] = """
            <circle class="d" cx="72" cy="82" r="42"/>
            <circle class="nw t" cx="72" cy="82" r="32"/><circle class="nw t" cx="72" cy="82" r="23"/>
            <circle class="a" cx="72" cy="82" r="12"/><circle class="k" cx="72" cy="82" r="2.5"/>
            <path class="w" d="M134 76 H162 V120 Q162 124 158 124 H138 Q134 124 134 120 Z"/>
            <path class="a" d="M138 60 H158 V76 H138 Z"/><path class="a" d="M158 62 H172 V70 H158 Z"/>
            <g transform="rotate(-20 130 40)"><rect class="wd" x="108" y="28" width="48" height="16" rx="6"/><path class="n t" d="M112 44 V52 M118 44 V52 M124 44 V52 M130 44 V52 M136 44 V52 M142 44 V52 M148 44 V52 M154 44 V52"/></g>
            """,
        ["Metronome"] = """
            <path class="wd" d="M78 26 H122 L148 118 H52 Z"/>
            <path class="w" d="M86 40 H114 L130 104 H70 Z"/>
            <path class="n t" d="M90 56 H98 M88 68 H96 M86 80 H94"/>
            <path class="n x" d="M100 104 L122 38"/>
            <rect class="a" x="107" y="56" width="16" height="11" rx="2" transform="rotate(18 115 61)"/>
            <rect class="d" x="48" y="114" width="104" height="10" rx="2"/>
            """,
        ["Guitar capo"] = """
            <rect class="wd" x="24" y="66" width="152" height="28" rx="3"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:4" d="M56 66 V94 M96 66 V94 M150 66 V94"/>
            <path class="nw t" d="M24 71 H176 M24 76 H176 M24 80 H176 M24 84 H176 M24 89 H176"/>
            <path class="a" d="M124 60 Q156 56 164 30 L174 34 Q166 70 126 74 Z"/>
            <path class="a" d="M124 100 Q156 104 164 126 L174 122 Q166 90 126 88 Z"/>
            <rect class="d" x="108" y="54" width="18" height="52" rx="6"/>
            """,
        ["Music stand"] = """
            <path class="n x" d="M100 86 V118 M100 118 L70 126 M100 118 L130 126"/>
            <path class="a" d="M42 28 H158 L150 84 H50 Z"/>
            <path class="w" d="M58 34 H142 L136 78 H64 Z"/>
            <path class="n t" d="M66 44 H134 M66 50 H134 M66 56 H134 M66 62 H134 M66 68 H134"/>
            <circle class="k" cx="80" cy="56" r="3.5"/><circle class="k" cx="96" cy="50" r="3.5"/><circle class="k" cx="114" cy="62" r="3.5"/>
            <path class="n t" d="M83 56 V40 M99 50 V36 M117 62 V46"/>
            <rect class="d" x="46" y="80" width="108" height="8" rx="2"/>
            """,
        ["Digital keyboard"] = """
            <rect class="a" x="18" y="50" width="164" height="62" rx="6"/>
            <rect class="d" x="28" y="57" width="40" height="11" rx="2"/>
            <circle class="kw" cx="84" cy="62" r="4"/><circle class="kw" cx="98" cy="62" r="4"/>
            <rect class="w" x="24" y="74" width="152" height="32" rx="2"/>
            <path class="n t" d="M37 74 V106 M50 74 V106 M63 74 V106 M76 74 V106 M89 74 V106 M102 74 V106 M115 74 V106 M128 74 V106 M141 74 V106 M154 74 V106 M167 74 V106"/>
            <path class="k" d="M33 74 h8 v18 h-8z M46 74 h8 v18 h-8z M72 74 h8 v18 h-8z M85 74 h8 v18 h-8z M98 74 h8 v18 h-8z M124 74 h8 v18 h-8z M137 74 h8 v18 h-8z M163 74 h8 v18 h-8z"/>
            """,
        ["Harmonica"] = """
            <rect class="m" x="32" y="54" width="136" height="18" rx="5"/>
            <rect class="a" x="28" y="70" width="144" height="24" rx="3"/>
            <path class="k" d="M36 76 h8 v12 h-8z M50 76 h8 v12 h-8z M64 76 h8 v12 h-8z M78 76 h8 v12 h-8z M92 76 h8 v12 h-8z M106 76 h8 v12 h-8z M120 76 h8 v12 h-8z M134 76 h8 v12 h-8z M148 76 h8 v12 h-8z"/>
            <rect class="m" x="32" y="92" width="136" height="16" rx="5"/>
            <path class="nw t" d="M44 60 H100"/>
            """,
        ["Headphone stand"] = """
            <ellipse class="wd" cx="100" cy="120" rx="42" ry="7"/>
            <rect class="wd" x="94" y="44" width="12" height="76"/>
            <path class="n" style="stroke-width:12" d="M66 86 Q66 30 100 30 Q134 30 134 86"/>
            <path class="na" style="stroke-width:6" d="M66 86 Q66 30 100 30 Q134 30 134 86"/>
            <path class="wd" d="M72 38 Q100 24 128 38 V46 Q100 34 72 46 Z"/>
            <rect class="a" x="54" y="78" width="22" height="36" rx="10"/><rect class="a" x="124" y="78" width="22" height="36" rx="10"/>
            """,
        ["Audio interface"] = """
            <path class="d" d="M30 58 L40 46 H160 L170 58 Z"/>
            <path class="a" d="M30 58 H170 V112 Q170 118 164 118 H36 Q30 118 30 112 Z"/>
            <circle class="d" cx="54" cy="88" r="14"/><circle class="kw" cx="54" cy="88" r="4"/>
            <circle class="d" cx="88" cy="88" r="14"/><circle class="kw" cx="88" cy="88" r="4"/>
            <circle class="w" cx="120" cy="84" r="9"/><path class="n t" d="M120 84 L125 79"/>
            <circle class="w" cx="150" cy="86" r="13"/><path class="n t" d="M150 86 L158 80"/>
            <rect class="lf" x="112" y="100" width="6" height="6" rx="1"/><rect class="lf" x="120" y="100" width="6" height="6" rx="1"/><rect class="fl" x="128" y="100" width="6" height="6" rx="1"/>
            """,
        ["Cable set"] = """
            <ellipse class="n" style="stroke-width:10" cx="88" cy="80" rx="40" ry="30"/>
            <ellipse class="na" style="stroke-width:5" cx="88" cy="80" rx="40" ry="30"/>
            <ellipse class="n" style="stroke-width:10" cx="96" cy="76" rx="34" ry="26"/>
            <ellipse class="na" style="stroke-width:5" cx="96" cy="76" rx="34" ry="26"/>
            <path class="n" style="stroke-width:10" d="M124 96 Q150 112 160 96"/><path class="na" style="stroke-width:5" d="M124 96 Q150 112 160 96"/>
            <rect class="d" x="156" y="80" width="14" height="20" rx="3"/><rect class="m" x="160" y="66" width="6" height="16" rx="2"/>
            <rect class="d" x="40" y="104" width="20" height="14" rx="3"/><rect class="m" x="58" y="108" width="16" height="6" rx="2"/>
            """,
    };
}
