namespace Personalize.Storefront.Catalog.Art;

/// <summary>The books shelf's drawings, by product title: a book whose cover says what it is about (see <see cref="ProductDrawings"/>).</summary>
internal static class BookDrawings
{
    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Field guide to birds"] = Shapes.Book("a", """
            <path class="w" d="M68 78 Q78 58 98 62 Q104 48 116 50 L126 54 L116 58 Q120 76 102 84 Q86 90 68 78 Z"/>
            <path class="n t" d="M80 74 Q92 66 102 72"/><circle class="k" cx="112" cy="55" r="2"/>
            """),
        ["A mountain novel"] = Shapes.Book("a", """
            <circle class="fl" cx="116" cy="48" r="8"/>
            <path class="w" d="M64 90 L86 52 L98 70 L108 58 L126 90 Z"/>
            <path class="n t" d="M80 62 L86 66 L92 62"/>
            """),
        ["One-pot cookbook"] = Shapes.Book("a", """
            <path class="nw t" d="M84 48 Q80 42 84 36 M96 48 Q92 42 96 36 M108 48 Q104 42 108 36"/>
            <path class="n x" d="M70 66 H64 M124 66 H118"/>
            <path class="w" d="M70 58 H118 V80 Q118 90 108 90 H80 Q70 90 70 80 Z"/>
            <path class="n t" d="M68 58 H120"/>
            """),
        ["Atlas of trails"] = Shapes.Book("a", """
            <circle class="w" cx="94" cy="64" r="26"/>
            <ellipse class="n t" cx="94" cy="64" rx="11" ry="26"/>
            <path class="n t" d="M68 64 H120 M72 50 H116 M72 78 H116"/>
            <path class="na" stroke-dasharray="1 5" d="M76 80 Q90 62 112 50"/>
            """),
        ["Poetry of rivers"] = Shapes.Book("a", """
            <path class="nw x" d="M66 52 Q75 44 84 52 T102 52 T120 52"/>
            <path class="nw x" d="M66 66 Q75 58 84 66 T102 66 T120 66"/>
            <path class="nw x" d="M66 80 Q75 72 84 80 T102 80 T120 80"/>
            """),
        ["Night sky almanac"] = Shapes.Book("d", """
            <path class="fl" d="M100 44 A22 22 0 1 0 118 80 A17 17 0 1 1 100 44 Z"/>
            <path class="kw" d="M74 50 L76 56 L82 58 L76 60 L74 66 L72 60 L66 58 L72 56 Z"/>
            <circle class="kw" cx="120" cy="50" r="2"/><circle class="kw" cx="70" cy="84" r="2"/><circle class="kw" cx="124" cy="90" r="1.5"/>
            <rect class="a" x="52" y="96" width="84" height="22"/>
            """),
        ["The coffee companion"] = Shapes.Book("a", """
            <path class="nw t" d="M86 52 Q82 46 86 40 M98 52 Q94 46 98 40"/>
            <path class="n" style="stroke-width:6" d="M110 64 Q120 64 120 72 Q120 80 110 80"/>
            <path class="w" d="M74 58 H112 V76 Q112 90 93 90 Q74 90 74 76 Z"/>
            """),
        ["A gardener's year"] = Shapes.Book("a", """
            <path class="nw x" d="M94 92 V60"/>
            <path class="lf" d="M94 70 Q80 52 68 60 Q76 76 94 70 Z"/>
            <path class="lf" d="M94 62 Q108 42 122 50 Q114 68 94 62 Z"/>
            <path class="nw t" d="M76 92 H112"/>
            """),
        ["Running for life"] = Shapes.Book("a", """
            <ellipse class="nw x" cx="94" cy="66" rx="30" ry="20"/>
            <ellipse class="nw t" cx="94" cy="66" rx="19" ry="11"/>
            <path class="w" d="M112 44 V30 M112 30 H124 V38 H112"/>
            """),
        ["The bicycle diaries"] = Shapes.Book("a", """
            <circle class="nw x" cx="74" cy="76" r="13"/><circle class="nw x" cx="114" cy="76" r="13"/>
            <path class="nw x" d="M74 76 L88 56 H106 L114 76 M88 56 L96 76 L106 56 M82 50 H92 M104 50 L108 46"/>
            """),
        ["Photography basics"] = Shapes.Book("a", """
            <rect class="w" x="80" y="46" width="16" height="8" rx="2"/>
            <rect class="w" x="66" y="52" width="56" height="38" rx="6"/>
            <circle class="d" cx="94" cy="71" r="13"/><circle class="gl" cx="94" cy="71" r="5"/>
            """),
        ["Mystery box set"] = """
            <rect class="d" x="42" y="28" width="116" height="96" rx="6"/>
            <rect class="a" x="51" y="36" width="30" height="82" rx="3"/>
            <rect class="w" x="85" y="36" width="30" height="82" rx="3"/>
            <rect class="a" x="119" y="36" width="30" height="82" rx="3"/>
            <path class="nw x" d="M60 58 Q60 50 66 50 Q72 50 72 56 Q72 62 66 64 V70"/><circle class="kw" cx="66" cy="80" r="2.5"/>
            <path class="n x" d="M94 58 Q94 50 100 50 Q106 50 106 56 Q106 62 100 64 V70"/><circle class="k" cx="100" cy="80" r="2.5"/>
            <path class="nw x" d="M128 58 Q128 50 134 50 Q140 50 140 56 Q140 62 134 64 V70"/><circle class="kw" cx="134" cy="80" r="2.5"/>
            """,
        ["Picture book"] = """
            <path class="w" d="M38 48 H170 Q172 48 172 50 V122 H38 Z"/>
            <path class="n t" d="M166 52 V118"/>
            <rect class="a" x="28" y="42" width="136" height="78" rx="5"/>
            <circle class="fl" cx="136" cy="62" r="10"/>
            <path class="lf" d="M28 106 Q64 86 104 102 Q134 90 164 102 V114 Q164 120 158 120 H34 Q28 120 28 114 Z"/>
            <path class="w" d="M62 100 V80 L78 66 L94 80 V100 Z"/><rect class="a" x="72" y="86" width="10" height="14"/>
            """,
        ["A history of maps"] = Shapes.Book("a", """
            <circle class="nw t" cx="94" cy="64" r="24"/>
            <path class="w" d="M94 36 L100 58 L122 64 L100 70 L94 92 L88 70 L66 64 L88 58 Z"/>
            <circle class="d" cx="94" cy="64" r="3"/>
            """),
        ["Essays on slowness"] = Shapes.Book("a", """
            <path class="n t" d="M118 76 L122 62 M122 78 L130 66"/>
            <path class="w" d="M64 88 Q64 82 72 82 H114 Q118 70 124 74 Q128 78 122 88 Q118 92 110 92 H68 Q64 92 64 88 Z"/>
            <circle class="w" cx="92" cy="66" r="18"/>
            <path class="n t" d="M92 66 m-3 0 a3 3 0 1 1 6 0 a7 7 0 1 1 -13 0 a11 11 0 1 1 20 0"/>
            """),
        ["Sketchbook journal"] = """
            <rect class="a" x="48" y="32" width="88" height="92" rx="6"/>
            <path class="n" d="M60 24 V38 M72 24 V38 M84 24 V38 M96 24 V38 M108 24 V38 M120 24 V38"/>
            <rect class="d" x="120" y="32" width="7" height="92"/>
            <rect class="w" x="60" y="54" width="46" height="22" rx="3"/>
            <g transform="rotate(-32 152 86)"><rect class="fl" x="146" y="44" width="13" height="62"/><path class="wd" d="M146 106 H159 L152.5 124 Z"/><rect class="lv" x="146" y="36" width="13" height="9" rx="2"/></g>
            """,
        ["Language course"] = Shapes.Book("a", """
            <path class="w" d="M66 44 H102 Q108 44 108 50 V64 Q108 70 102 70 H80 L72 78 V70 H66 Q60 70 60 64 V50 Q60 44 66 44 Z"/>
            <path class="n t" d="M68 53 H100 M68 61 H92"/>
            <path class="fl" d="M90 66 H122 Q128 66 128 72 V84 Q128 90 122 90 H116 V97 L108 90 H90 Q84 90 84 84 V72 Q84 66 90 66 Z"/>
            <path class="n t" d="M92 75 H120 M92 82 H112"/>
            """),
    };
}
