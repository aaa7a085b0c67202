namespace Personalize.Storefront.Catalog.Art;

/// <summary>The games shelf's drawings, by product title (see <see cref="ProductDrawings"/>).</summary>
internal static class GameDrawings
{
    private const string PuzzlePiece =
        "M0 0 H16 Q14 -8 22 -8 Q30 -8 28 0 H44 V16 Q52 14 52 22 Q52 30 44 28 V44 H28 Q30 36 22 36 Q14 36 16 44 H0 V28 Q8 30 8 22 Q8 14 0 16 Z";

    public static IReadOnlyDictionary<string, string> ByTitle { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Strategy board game"] = $"""
            <path class="s" d="M100.0 61.0 L114.7 69.5 L114.7 86.5 L100.0 95.0 L85.3 86.5 L85.3 69.5 Z"/>
            <path class="lf" d="M70.6 61.0 L85.3 69.5 L85.3 86.5 L70.6 95.0 L55.8 86.5 L55.8 69.5 Z"/>
            <path class="fl" d="M129.4 61.0 L144.2 69.5 L144.2 86.5 L129.4 95.0 L114.7 86.5 L114.7 69.5 Z"/>
            <path class="wd" d="M85.3 35.5 L100.0 44.0 L100.0 61.0 L85.3 69.5 L70.6 61.0 L70.6 44.0 Z"/>
            <path class="lf" d="M114.7 35.5 L129.4 44.0 L129.4 61.0 L114.7 69.5 L100.0 61.0 L100.0 44.0 Z"/>
            <path class="d" d="M85.3 86.5 L100.0 95.0 L100.0 112.0 L85.3 120.5 L70.6 112.0 L70.6 95.0 Z"/>
            <path class="wd" d="M114.7 86.5 L129.4 95.0 L129.4 112.0 L114.7 120.5 L100.0 112.0 L100.0 95.0 Z"/>
            {Shapes.Meeple("a", 100, 84)}
            <path class="a" d="M64 60 V52 L70 46 L76 52 V60 Z"/>
            """,
        ["Playing cards"] = """
            <g transform="rotate(-22 100 124)"><rect class="w" x="78" y="40" width="44" height="62" rx="5"/><path class="k" d="M100 60 Q90 70 94 78 Q98 82 100 78 Q102 82 106 78 Q110 70 100 60 Z M98 78 L96 84 H104 L102 78 Z"/></g>
            <g transform="rotate(22 100 124)"><rect class="w" x="78" y="40" width="44" height="62" rx="5"/><path class="a" d="M100 58 L110 71 L100 84 L90 71 Z"/></g>
            <rect class="w" x="78" y="36" width="44" height="62" rx="5"/>
            <path class="a" d="M100 76 Q86 66 90 58 Q95 52 100 59 Q105 52 110 58 Q114 66 100 76 Z"/>
            <path class="a" d="M85 46 Q80 43 82 41 Q84 39 85 41 Q86 39 88 41 Q90 43 85 46 Z"/>
            """,
        ["Jigsaw puzzle"] = $"""
            <path class="a" transform="translate(44 42)" d="{PuzzlePiece}"/>
            <path class="w" transform="translate(88 42)" d="{PuzzlePiece}"/>
            <path class="s" transform="translate(52 86) rotate(-8)" d="{PuzzlePiece}"/>
            <path class="lf" transform="translate(110 90) rotate(10)" d="{PuzzlePiece}"/>
            """,
        ["Chess set"] = """
            <path class="wd" d="M20 110 H180 V126 H20 Z"/>
            <path class="a" d="M20 110 H40 V126 H20 Z M60 110 H80 V126 H60 Z M100 110 H120 V126 H100 Z M140 110 H160 V126 H140 Z"/>
            <path class="w" d="M58 110 H98 V104 Q98 98 92 96 L90 88 Q104 78 100 60 Q96 42 78 36 L74 30 L68 38 Q58 42 54 54 L48 66 Q46 72 52 74 Q60 74 66 68 L70 72 Q62 84 62 96 Q58 98 58 104 Z"/>
            <circle class="k" cx="72" cy="50" r="2.5"/>
            <path class="d" d="M118 110 H150 V104 Q150 100 144 98 Q138 86 140 76 H144 V71 H139 A9 9 0 1 0 129 71 H124 V76 H128 Q130 86 124 98 Q118 100 118 104 Z"/>
            """,
        ["Party game"] = """
            <rect class="fl" x="40" y="30" width="8" height="5" rx="1" transform="rotate(30 44 32)"/><rect class="lf" x="150" y="26" width="8" height="5" rx="1" transform="rotate(-20 154 28)"/><rect class="lv" x="164" y="56" width="8" height="5" rx="1" transform="rotate(40 168 58)"/><rect class="gl" x="30" y="62" width="8" height="5" rx="1"/>
            <path class="a" d="M40 70 L100 56 L160 70 L100 84 Z"/>
            <path class="a" d="M40 70 V110 L100 124 V84 Z"/>
            <path class="w" d="M100 84 V124 L160 110 V70 Z"/>
            <path class="fl" d="M88 14 H124 Q130 14 130 20 V38 Q130 44 124 44 H108 L100 52 V44 H88 Q82 44 82 38 V20 Q82 14 88 14 Z"/>
            <path class="n x" d="M106 20 V30"/><circle class="k" cx="106" cy="37" r="2.5"/>
            <path class="n t" d="M116 90 L144 84 M116 100 L138 95"/>
            """,
        ["Dice set"] = """
            <g transform="rotate(-14 64 90)"><rect class="w" x="40" y="66" width="48" height="48" rx="9"/><circle class="k" cx="52" cy="78" r="4.5"/><circle class="k" cx="64" cy="90" r="4.5"/><circle class="k" cx="76" cy="102" r="4.5"/></g>
            <g transform="rotate(10 136 92)"><rect class="a" x="112" y="68" width="48" height="48" rx="9"/><circle class="kw" cx="124" cy="80" r="4.5"/><circle class="kw" cx="148" cy="80" r="4.5"/><circle class="kw" cx="124" cy="104" r="4.5"/><circle class="kw" cx="148" cy="104" r="4.5"/><circle class="kw" cx="136" cy="92" r="4.5"/></g>
            <rect class="d" x="78" y="26" width="44" height="44" rx="8"/><circle class="kw" cx="89" cy="37" r="4"/><circle class="kw" cx="111" cy="37" r="4"/><circle class="kw" cx="89" cy="48" r="4"/><circle class="kw" cx="111" cy="48" r="4"/><circle class="kw" cx="89" cy="59" r="4"/><circle class="kw" cx="111" cy="59" r="4"/>
            """,
        ["Cooperative game"] = $"""
            <path class="wd" d="M34 92 H166 L180 122 H20 Z"/>
            <path class="w" d="M50 98 H80 L78 116 H44 Z M88 98 H112 V116 H86 Z M120 98 H150 L156 116 H122 Z"/>
            {Shapes.Meeple("a", 82, 96)}
            {Shapes.Meeple("fl", 118, 96)}
            <path class="n x" d="M92 80 H108"/>
            <path class="a" d="M100 56 Q86 46 90 38 Q95 32 100 39 Q105 32 110 38 Q114 46 100 56 Z"/>
            """,
        ["Card game"] = """
            <g transform="rotate(-12 80 40)"><rect class="w" x="62" y="18" width="38" height="54" rx="4"/><path class="a" d="M81 34 L89 45 L81 56 L73 45 Z"/></g>
            <g transform="rotate(14 120 40)"><rect class="w" x="100" y="18" width="38" height="54" rx="4"/><circle class="a" cx="119" cy="45" r="9"/></g>
            <rect class="a" x="58" y="54" width="84" height="70" rx="6"/>
            <path class="d" d="M58 54 H142 V70 Q100 80 58 70 Z"/>
            <rect class="w" x="80" y="84" width="40" height="28" rx="3"/>
            <path class="a" d="M100 90 L108 98 L100 106 L92 98 Z"/>
            """,
        ["Backgammon"] = """
            <rect class="wd" x="22" y="36" width="156" height="88" rx="6"/>
            <rect class="w" x="30" y="44" width="66" height="72"/><rect class="w" x="104" y="44" width="66" height="72"/>
            <path class="a" d="M30 44 L35.5 76 L41 44 Z M52 44 L57.5 76 L63 44 Z M74 44 L79.5 76 L85 44 Z M104 44 L109.5 76 L115 44 Z M126 44 L131.5 76 L137 44 Z M148 44 L153.5 76 L159 44 Z"/>
            <path class="d" d="M41 116 L46.5 84 L52 116 Z M63 116 L68.5 84 L74 116 Z M85 116 L90.5 84 L96 116 Z M115 116 L120.5 84 L126 116 Z M137 116 L142.5 84 L148 116 Z M159 116 L164.5 84 L170 116 Z"/>
            <circle class="d" cx="46" cy="108" r="6"/><circle class="d" cx="46" cy="96" r="6"/><circle class="w" cx="143" cy="52" r="6"/><circle class="w" cx="143" cy="64" r="6"/><circle class="w" cx="120" cy="108" r="6"/>
            """,
        ["Puzzle mat"] = $"""
            <path class="lf" d="M38 62 H162 L180 120 H20 Z"/>
            <path class="a" transform="translate(60 82) scale(.55)" d="{PuzzlePiece}"/>
            <path class="w" transform="translate(96 90) scale(.55) rotate(12)" d="{PuzzlePiece}"/>
            <path class="s" transform="translate(128 78) scale(.55) rotate(-10)" d="{PuzzlePiece}"/>
            <rect class="a" x="30" y="40" width="140" height="24" rx="12"/>
            <ellipse class="a" cx="30" cy="52" rx="6" ry="12"/>
            <path class="n t" d="M30 48 m-2 0 a2 3 0 1 1 4 0 a4 6 0 1 1 -8 0"/>
            """,
        ["Word game"] = """
            <path class="wd" d="M22 100 H178 L172 122 H28 Z"/>
            <rect class="w" x="30" y="60" width="32" height="38" rx="4"/><path class="n x" d="M38 70 L42 88 L46 76 L50 88 L54 70"/>
            <rect class="w" x="66" y="56" width="32" height="38" rx="4"/><ellipse class="n x" cx="82" cy="75" rx="8" ry="10"/>
            <rect class="a" x="102" y="60" width="32" height="38" rx="4"/><path class="nw x" d="M112 88 V70 H120 Q126 70 126 76 Q126 82 120 82 H112 M119 82 L126 88"/>
            <rect class="w" x="138" y="56" width="32" height="38" rx="4"/><path class="n x" d="M147 66 V84 H153 Q162 84 162 75 Q162 66 153 66 Z"/>
            """,
        ["Trivia game"] = """
            <circle class="w" cx="144" cy="96" r="24"/>
            <path class="a" d="M144 96 V72 A24 24 0 0 1 164.8 84 Z"/><path class="lf" d="M144 96 L164.8 108 A24 24 0 0 1 144 120 Z"/><path class="fl" d="M144 96 L123.2 108 A24 24 0 0 1 123.2 84 Z"/>
            <g transform="rotate(-8 84 76)"><rect class="w" x="50" y="30" width="68" height="92" rx="6"/><rect class="a" x="50" y="30" width="68" height="18" rx="6"/></g>
            <path class="n" style="stroke-width:7" d="M74 70 Q74 58 86 58 Q98 58 98 70 Q98 80 86 84 V92"/>
            <circle class="k" cx="86" cy="104" r="4.5"/>
            """,
        ["First board game"] = $"""
            <rect class="w" x="24" y="44" width="152" height="80" rx="8"/>
            <path class="n" style="stroke:#dfe2e7;stroke-width:14" d="M40 108 Q60 60 90 90 T150 60"/>
            <circle class="a" cx="42" cy="106" r="7"/><circle class="fl" cx="56" cy="82" r="7"/><circle class="lf" cx="76" cy="76" r="7"/><circle class="gl" cx="94" cy="92" r="7"/><circle class="a" cx="114" cy="92" r="7"/><circle class="fl" cx="134" cy="72" r="7"/><circle class="lf" cx="152" cy="60" r="7"/>
            {Shapes.Meeple("a", 152, 58)}
            <rect class="w" x="128" y="94" width="24" height="24" rx="5"/><circle class="k" cx="134" cy="100" r="2.5"/><circle class="k" cx="146" cy="112" r="2.5"/>
            """,
        ["Game night bundle"] = $"""
            <rect class="a" x="36" y="92" width="128" height="32" rx="4"/><path class="n t" d="M36 100 H164"/>
            <rect class="w" x="46" y="62" width="110" height="30" rx="4"/><path class="n t" d="M46 70 H156"/>
            <rect class="d" x="56" y="34" width="92" height="28" rx="4"/><path class="nw t" d="M56 42 H148"/>
            {Shapes.Meeple("fl", 80, 60)}
            <circle class="k" cx="120" cy="80" r="3"/><circle class="k" cx="132" cy="80" r="3"/>
            <path class="w" d="M120 108 L126 114 L120 120 L114 114 Z"/>
            """,
        ["Sand timers"] = """
            <rect class="wd" x="62" y="22" width="76" height="10" rx="3"/><rect class="wd" x="62" y="114" width="76" height="10" rx="3"/>
            <path class="n x" d="M68 32 V114 M132 32 V114"/>
            <path class="gl" d="M76 32 H124 Q124 60 104 72 Q124 84 124 114 H76 Q76 84 96 72 Q76 60 76 32 Z"/>
            <path class="fl" d="M84 52 H116 Q112 62 100 68 Q88 62 84 52 Z"/>
            <path class="fl" d="M78 114 Q80 96 100 92 Q120 96 122 114 Z"/>
            <path class="n t" d="M100 70 V92"/>
            <path class="a" d="M62 22 H138 V26 H62 Z M62 120 H138 V124 H62 Z"/>
            """,
        ["Escape room kit"] = """
            <rect class="d" x="40" y="54" width="120" height="70" rx="6"/>
            <path class="d" d="M40 54 L52 40 H148 L160 54 Z"/>
            <path class="n" style="stroke:#aab2bd;stroke-width:7" d="M90 84 V72 Q90 60 100 60 Q110 60 110 72 V84"/>
            <rect class="a" x="84" y="82" width="32" height="28" rx="5"/>
            <circle class="k" cx="100" cy="93" r="3"/><path class="n t" d="M100 96 V102"/>
            <circle class="n x" cx="150" cy="104" r="8" style="stroke:#e2a336"/>
            <path class="n x" style="stroke:#e2a336" d="M156 98 L172 82 M166 88 L170 92"/>
            """,
        ["Tile game"] = """
            <g transform="rotate(-14 60 80)"><rect class="w" x="40" y="40" width="40" height="76" rx="6"/><path class="n t" d="M40 78 H80"/><circle class="k" cx="52" cy="54" r="3.5"/><circle class="k" cx="68" cy="66" r="3.5"/><circle class="k" cx="60" cy="96" r="3.5"/></g>
            <rect class="a" x="80" y="36" width="40" height="76" rx="6"/><path class="nw t" d="M80 74 H120"/><circle class="kw" cx="92" cy="48" r="3.5"/><circle class="kw" cx="108" cy="48" r="3.5"/><circle class="kw" cx="92" cy="62" r="3.5"/><circle class="kw" cx="108" cy="62" r="3.5"/><circle class="kw" cx="100" cy="92" r="3.5"/>
            <g transform="rotate(14 140 80)"><rect class="w" x="120" y="40" width="40" height="76" rx="6"/><path class="n t" d="M120 78 H160"/><circle class="k" cx="140" cy="59" r="3.5"/><circle class="k" cx="132" cy="90" r="3.5"/><circle class="k" cx="148" cy="104" r="3.5"/><circle class="k" cx="140" cy="97" r="3.5"/></g>
            """,
    };
}
