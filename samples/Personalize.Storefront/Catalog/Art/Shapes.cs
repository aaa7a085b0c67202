namespace Personalize.Storefront.Catalog.Art;

/// <summary>Outlines more than one drawing shares (a glove is a glove on the hiking, cycling and garden shelves).</summary>
internal static class Shapes
{
    /// <summary>A full-fingered glove, palm up, cuff at the bottom.</summary>
    public const string Glove =
        "M72 124 V100 L58 84 Q50 74 58 68 Q64 64 70 72 L76 78 V46 Q76 38 83 38 Q90 38 90 46 V68 V38 Q90 30 97 30 Q104 30 104 38 V68 V42 Q104 34 111 34 Q118 34 118 42 V70 V54 Q118 46 125 46 Q132 46 132 54 V98 Q132 106 126 110 V124 Z";

    /// <summary>A glove whose fingers stop short.</summary>
    public const string FingerlessGlove =
        "M72 124 V100 L58 84 Q50 74 58 68 Q64 64 70 72 L76 78 V60 H90 V68 V56 H104 V68 V58 H118 V70 V64 H132 V98 Q132 106 126 110 V124 Z";

    /// <summary>A long-sleeved top's body and sleeves (front view).</summary>
    public const string LongSleeveTop =
        "M78 30 Q100 40 122 30 L150 42 L164 108 L146 112 L134 64 V124 H66 V64 L54 112 L36 108 L50 42 Z";

    /// <summary>A board-game pawn (a meeple), about 22 tall, standing on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static string Meeple(string fill, int x, int y) =>
        $"""<path class="{fill}" transform="translate({x} {y - 11})" d="M-4 -6 A5 5 0 1 1 4 -6 L10 -1 Q13 2 10 4 L5 4 L8 11 H2 L0 7 L-2 11 H-8 L-5 4 L-10 4 Q-13 2 -10 -1 Z"/>""";

    /// <summary>A book standing, its cover facing: the cover's colour and what is on it vary.</summary>
    public static string Book(string cover, string motif) =>
        $"""<path class="w" d="M70 30 H140 Q144 30 144 34 V122 Q144 126 140 126 H70 Z"/><path class="n t" d="M140 36 V120 M136 36 V120"/><path class="{cover}" d="M56 26 H132 Q136 26 136 30 V118 Q136 122 132 122 H56 Q52 122 52 118 V30 Q52 26 56 26 Z"/><path class="n t" d="M62 26 V122"/><path class="nw t" d="M74 104 H118 M80 112 H112"/>{motif}""";

    /// <summary>A coffee bag with a label: what is on the label varies.</summary>
    public static string CoffeeBag(string label) =>
        $"""<path class="a" d="M64 40 L72 30 H128 L136 40 V118 Q136 124 130 124 H70 Q64 124 64 118 Z"/><path class="n t" d="M64 40 H136 M72 30 L76 40 M128 30 L124 40"/><rect class="w" x="76" y="60" width="48" height="46" rx="6"/>{label}""";
}
