namespace Personalize.Storefront.Catalog.Art;

/// <summary>The cycling shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class CyclingDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Cycling helmet"] = """
            <path class="n t" d="M62 102 L82 124 M104 102 L84 124"/>
            <path class="a" d="M36 92 Q40 40 100 36 Q156 38 166 84 Q150 92 128 92 L116 104 H56 Q40 104 36 92 Z"/>
            <path class="d" d="M66 52 Q80 44 94 46 L90 60 Q78 60 68 64 Z M104 46 Q120 46 134 54 L126 66 Q114 60 100 60 Z M140 58 Q152 66 156 76 L142 78 Q138 70 134 66 Z"/>
            <path class="d" d="M28 84 Q40 74 62 80 L58 94 Q40 94 28 84 Z"/>
            <path class="nw x" d="M56 84 Q100 72 150 82"/>
            """,
        ["Bike lights"] = """
            <path class="n t" d="M30 60 L18 54 M30 70 H16 M30 80 L18 86"/>
            <rect class="d" x="52" y="84" width="20" height="10" rx="3"/>
            <rect class="w" x="36" y="52" width="52" height="34" rx="12"/>
            <circle class="fl" cx="52" cy="69" r="10"/><circle class="kw" cx="49" cy="66" r="3"/>
            <rect class="d" x="118" y="100" width="24" height="10" rx="3"/>
            <rect class="d" x="114" y="46" width="32" height="56" rx="12"/>
            <rect class="a" x="120" y="54" width="20" height="40" rx="8"/>
            <path class="n t" d="M156 60 L166 56 M156 74 H168 M156 88 L166 92"/>
            """,
        ["Floor pump"] = """
            <path class="n x" d="M110 112 Q150 112 150 80 Q150 58 140 50"/>
            <rect class="d" x="132" y="38" width="14" height="14" rx="3"/>
            <rect class="d" x="58" y="116" width="84" height="8" rx="3"/>
            <rect class="m" x="97" y="24" width="6" height="20"/>
            <rect class="d" x="68" y="14" width="64" height="11" rx="5"/>
            <rect class="a" x="88" y="40" width="24" height="80" rx="6"/>
            <circle class="w" cx="100" cy="100" r="11"/><path class="n t" d="M100 100 L106 94"/>
            """,
        ["D-lock"] = """
            <path class="n" style="stroke-width:18" d="M66 92 V58 Q66 28 100 28 Q134 28 134 58 V92"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:11" d="M66 92 V58 Q66 28 100 28 Q134 28 134 58 V92"/>
            <rect class="a" x="46" y="82" width="108" height="30" rx="13"/>
            <circle class="d" cx="132" cy="97" r="6"/>
            <path class="nw t" d="M58 90 H112"/>
            """,
        ["Saddle bag"] = """
            <rect class="m" x="106" y="56" width="12" height="70"/>
            <path class="d" d="M34 44 Q60 32 100 38 H156 Q170 40 168 50 Q162 58 140 56 Q100 56 76 62 Q44 64 34 44 Z"/>
            <path class="n" d="M80 60 L92 70 M132 56 L120 70"/>
            <path class="a" d="M70 66 H144 Q152 66 150 76 L142 104 Q138 114 126 110 L78 88 Q66 80 70 66 Z"/>
            <path class="nw t" d="M80 76 H140"/>
            <rect class="w" x="126" y="84" width="14" height="8" rx="2"/>
            """,
        ["Cycling gloves"] = $"""
            <path class="a" d="{Shapes.FingerlessGlove}"/>
            <path class="n t" d="M90 60 V74 M104 58 V74 M118 62 V76"/>
            <rect class="d" x="70" y="102" width="58" height="22" rx="4"/>
            <circle class="kw" cx="88" cy="86" r="2.5"/><circle class="kw" cx="100" cy="90" r="2.5"/><circle class="kw" cx="112" cy="86" r="2.5"/><circle class="kw" cx="100" cy="80" r="2.5"/>
            """,
        ["Multi-tool"] = """
            <g transform="rotate(-75 70 92)"><rect class="m" x="66" y="40" width="8" height="52" rx="2"/></g>
            <g transform="rotate(-45 70 92)"><rect class="m" x="66" y="44" width="8" height="48" rx="2"/></g>
            <g transform="rotate(-15 70 92)"><rect class="m" x="66" y="48" width="8" height="44" rx="2"/><path class="n t" d="M66 52 H74"/></g>
            <g transform="rotate(30 134 92)"><rect class="m" x="130" y="46" width="8" height="46" rx="2"/></g>
            <g transform="rotate(60 134 92)"><rect class="s" x="128" y="52" width="12" height="40" rx="2"/></g>
            <rect class="a" x="56" y="80" width="92" height="26" rx="12"/>
            <circle class="kw" cx="70" cy="93" r="4"/><circle class="kw" cx="134" cy="93" r="4"/>
            """,
        ["Cycling jersey"] = """
            <path class="a" d="M78 30 Q100 40 122 30 L152 42 L162 72 L142 78 L136 64 V124 H64 V64 L58 78 L38 72 L48 42 Z"/>
            <path class="w" d="M64 80 H136 V94 H64 Z"/>
            <path class="w" d="M80 30 Q100 44 120 30 Q100 36 80 30 Z"/>
            <path class="n" d="M100 38 V124"/>
            <path class="n t" d="M40 66 L58 72 M160 66 L142 72"/>
            """,
        ["Bib shorts"] = """
            <path class="d" d="M70 22 H82 L88 62 H76 Z M130 22 H118 L112 62 H124 Z"/>
            <path class="a" d="M64 58 H136 L150 118 H110 L100 86 L90 118 H50 Z"/>
            <path class="d" d="M51 110 H91 L90 118 H50 Z M109 110 H149 L150 118 H110 Z"/>
            <path class="nw t" d="M70 70 H130"/>
            """,
        ["Bottle cage"] = """
            <rect class="a" x="80" y="34" width="40" height="88" rx="12"/>
            <rect class="w" x="90" y="22" width="20" height="14" rx="4"/>
            <rect class="d" x="95" y="14" width="10" height="10" rx="2"/>
            <path class="nw t" d="M88 50 V96"/>
            <path class="n" style="stroke-width:9" d="M74 122 V62 Q74 50 86 54 M126 122 V62 Q126 50 114 54 M74 122 H126 M74 92 H126"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:5" d="M74 122 V62 Q74 50 86 54 M126 122 V62 Q126 50 114 54 M74 122 H126 M74 92 H126"/>
            """,
        ["Spare tubes"] = """
            <rect class="a" x="100" y="58" width="66" height="64" rx="4"/>
            <circle class="nw x" cx="133" cy="90" r="18"/><circle class="nw t" cx="133" cy="90" r="10"/>
            <ellipse class="n" style="stroke-width:13" cx="70" cy="86" rx="36" ry="32"/>
            <ellipse class="nw t" cx="70" cy="86" rx="36" ry="32" stroke-dasharray="6 10"/>
            <rect class="m" x="66" y="42" width="8" height="16" rx="2"/>
            """,
        ["Chain lube"] = """
            <path class="fl" d="M100 6 Q105 13 100 17 Q95 13 100 6 Z"/>
            <path class="w" d="M96 20 H104 L107 40 H93 Z"/>
            <path class="a" d="M84 40 H116 L124 54 V118 Q124 124 118 124 H82 Q76 124 76 118 V54 Z"/>
            <rect class="w" x="84" y="70" width="32" height="34" rx="3"/>
            <path class="fl" d="M100 76 Q108 86 104 94 Q100 98 96 94 Q92 86 100 76 Z"/>
            <rect class="m" x="26" y="110" width="20" height="12" rx="6"/><rect class="m" x="40" y="110" width="20" height="12" rx="6"/><rect class="m" x="134" y="110" width="20" height="12" rx="6"/><rect class="m" x="148" y="110" width="20" height="12" rx="6"/>
            """,
        ["Bike computer"] = """
            <rect class="d" x="24" y="100" width="152" height="12" rx="6"/>
            <rect class="d" x="88" y="92" width="24" height="12"/>
            <rect class="a" x="62" y="26" width="76" height="72" rx="12"/>
            <rect class="gl" x="70" y="34" width="60" height="46" rx="4"/>
            <path class="n t" d="M74 72 L86 60 L96 66 L108 48 L118 58 L126 52"/>
            <rect class="d" x="78" y="86" width="14" height="6" rx="2"/><rect class="d" x="108" y="86" width="14" height="6" rx="2"/>
            """,
        ["Panniers"] = """
            <path class="n x" d="M26 40 H174"/>
            <path class="d" d="M64 34 H80 V50 H64 Z M120 34 H136 V50 H120 Z"/>
            <path class="a" d="M54 48 H146 V112 Q146 124 134 124 H66 Q54 124 54 112 Z"/>
            <path class="a" d="M54 48 H146 V72 Q100 82 54 72 Z"/>
            <rect class="d" x="94" y="66" width="12" height="28" rx="3"/>
            <path class="nw x" d="M66 106 H90"/>
            """,
        ["Rain cape"] = """
            <path class="gl" d="M30 38 Q36 46 33 50 Q29 52 27 48 Q26 44 30 38 Z"/><path class="gl" d="M168 30 Q174 38 171 42 Q167 44 165 40 Q164 36 168 30 Z"/>
            <path class="a" d="M100 26 Q80 26 78 48 L28 114 Q100 132 172 114 L122 48 Q120 26 100 26 Z"/>
            <path class="w" d="M86 46 Q88 34 100 34 Q112 34 114 46 Q100 52 86 46 Z"/>
            <path class="nw x" d="M38 108 Q100 122 162 108"/>
            <path class="n t" d="M100 52 V84"/>
            """,
        ["Kickstand"] = """
            <circle class="n x" cx="150" cy="84" r="38"/>
            <circle class="m" cx="150" cy="84" r="6"/>
            <path class="n t" d="M150 46 V122 M112 84 H188 M124 58 L176 110 M176 58 L124 110"/>
            <path class="n" style="stroke-width:13" d="M26 70 L150 84"/>
            <path class="na" style="stroke-width:7" d="M26 70 L150 84"/>
            <path class="n" style="stroke-width:10" d="M94 82 L66 122"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:5" d="M94 82 L66 122"/>
            <rect class="d" x="82" y="68" width="28" height="20" rx="4"/>
            <rect class="d" x="56" y="118" width="22" height="7" rx="2"/>
            """,
        ["Bike bell"] = """
            <path class="n t" d="M48 54 L38 46 M44 70 H32 M152 50 L162 42"/>
            <circle class="d" cx="100" cy="106" r="12"/>
            <path class="m" d="M60 80 Q60 42 100 40 Q140 42 140 80 Z"/>
            <path class="nw t" d="M76 70 Q76 54 90 50"/>
            <rect class="a" x="56" y="78" width="88" height="13" rx="4"/>
            <path class="n x" d="M140 84 L164 70"/><circle class="a" cx="166" cy="68" r="7"/>
            """,
    };
}
