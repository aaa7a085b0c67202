namespace Personalize.Storefront.Catalog;

/// <summary>The demo store's twelve shelves of seventeen products: 204 products in all.</summary>
internal static class Shelves
{
    public static IReadOnlyList<Shelf> All { get; } =
    [
        new(new("hiking", "Hiking", 140, "Made for long days on the trail"), ["Northwind", "Summit & Co", "Trailcraft"],
        [
            ("Hiking boots", 149m), ("Trekking poles", 59m), ("Day pack", 79m), ("Rain shell", 189m), ("Trail map set", 24m),
            ("Merino base layer", 69m), ("Gaiters", 35m), ("Hiking socks", 22m), ("Compass", 29m), ("Trail first-aid kit", 32m),
            ("Sun hat", 28m), ("Softshell jacket", 139m), ("Hydration bladder", 34m), ("Trail gloves", 26m), ("Approach shoes", 129m),
            ("Insulated vest", 99m), ("Pocket knife", 45m),
        ]),
        new(new("camping", "Camping", 25, "Everything for a night under the stars"), ["Basecamp", "Northwind", "Emberline"],
        [
            ("Two-person tent", 249m), ("Sleeping bag", 159m), ("Camp stove", 69m), ("Headlamp", 39m), ("Water filter", 45m),
            ("Camp chair", 55m), ("Lantern", 32m), ("Cooler box", 119m), ("Hammock", 49m), ("Sleeping pad", 79m),
            ("Tarp", 38m), ("Dry bag", 22m), ("Mess kit", 27m), ("Fire starter", 12m), ("Camp table", 65m),
            ("Bivy sack", 129m), ("Camp pillow", 19m),
        ]),
        new(new("kitchen", "Kitchen", 0, "Tools that cooks keep for decades"), ["Forge & Fig", "Copperleaf", "Kitchenry"],
        [
            ("Chef's knife", 89m), ("Cast-iron pan", 59m), ("Dutch oven", 119m), ("Cutting board", 39m), ("Spice rack", 34m),
            ("Stand mixer", 349m), ("Mixing bowls", 42m), ("Stockpot", 79m), ("Kitchen scale", 25m), ("Knife sharpener", 35m),
            ("Baking sheets", 29m), ("Salad spinner", 27m), ("Wooden spoons", 18m), ("Pasta maker", 69m), ("Mortar and pestle", 33m),
            ("Linen apron", 24m), ("Herb scissors", 16m),
        ]),
        new(new("coffee", "Coffee", 175, "From bean to cup, done properly"), ["Roastwell", "Crema Lab", "Morning Co"],
        [
            ("Pour-over kettle", 65m), ("Burr grinder", 129m), ("Espresso machine", 449m), ("French press", 39m), ("Pour-over dripper", 24m),
            ("Single-origin beans", 18m), ("Milk frother", 45m), ("Travel mug", 28m), ("Coffee scale", 49m), ("Cold brew jar", 32m),
            ("Espresso cups", 26m), ("Paper filters", 8m), ("Espresso tamper", 29m), ("Knock box", 22m), ("Moka pot", 36m),
            ("Decaf blend", 16m), ("Barista cloths", 12m),
        ]),
        new(new("books", "Books", 250, "Stories, guides and ideas worth keeping"), ["Lantern Press", "Quill House", "Folio"],
        [
            ("Field guide to birds", 28m), ("A mountain novel", 18m), ("One-pot cookbook", 32m), ("Atlas of trails", 45m), ("Poetry of rivers", 16m),
            ("Night sky almanac", 24m), ("The coffee companion", 29m), ("A gardener's year", 27m), ("Running for life", 21m), ("The bicycle diaries", 19m),
            ("Photography basics", 34m), ("Mystery box set", 49m), ("Picture book", 14m), ("A history of maps", 39m), ("Essays on slowness", 17m),
            ("Sketchbook journal", 15m), ("Language course", 42m),
        ]),
        new(new("garden", "Garden", 85, "Grow something this season"), ["Greenthumb", "Rootstock", "Bloomfield"],
        [
            ("Pruning shears", 32m), ("Seed collection", 19m), ("Watering can", 29m), ("Raised bed kit", 149m), ("Garden gloves", 18m),
            ("Compost bin", 79m), ("Hose reel", 69m), ("Trowel set", 24m), ("Bird feeder", 34m), ("Potting soil", 14m),
            ("Herb planter", 39m), ("Garden kneeler", 27m), ("Solar lights", 45m), ("Wheelbarrow", 119m), ("Plant labels", 9m),
            ("Rain barrel", 89m), ("Lavender plants", 22m),
        ]),
        new(new("running", "Running", 335, "Every kilometre a little lighter"), ["Stride", "Pacer", "Northwind"],
        [
            ("Trail running shoes", 139m), ("Running vest", 89m), ("Sports watch", 249m), ("Merino socks", 19m), ("Foam roller", 35m),
            ("Running shorts", 39m), ("Reflective jacket", 79m), ("Bottle belt", 29m), ("Compression sleeves", 32m), ("Running cap", 22m),
            ("Energy gels", 14m), ("Phone armband", 19m), ("Road shoes", 129m), ("Thermal tights", 55m), ("Massage ball", 12m),
            ("Race belt", 15m), ("Headband", 11m),
        ]),
        new(new("cycling", "Cycling", 200, "Ride further, ride safer"), ["Spokeworks", "Velo North", "Gearline"],
        [
            ("Cycling helmet", 89m), ("Bike lights", 49m), ("Floor pump", 45m), ("D-lock", 59m), ("Saddle bag", 34m),
            ("Cycling gloves", 29m), ("Multi-tool", 27m), ("Cycling jersey", 69m), ("Bib shorts", 89m), ("Bottle cage", 15m),
            ("Spare tubes", 18m), ("Chain lube", 11m), ("Bike computer", 179m), ("Panniers", 99m), ("Rain cape", 55m),
            ("Kickstand", 25m), ("Bike bell", 9m),
        ]),
        new(new("music", "Music", 275, "Play it, hear it, feel it"), ["Soundfield", "Tonewood", "Echo & Co"],
        [
            ("Wireless headphones", 199m), ("Bluetooth speaker", 89m), ("Turntable", 249m), ("Ukulele", 69m), ("Acoustic guitar", 299m),
            ("Guitar strings", 12m), ("Studio microphone", 129m), ("Earbuds", 99m), ("Vinyl cleaning kit", 29m), ("Metronome", 25m),
            ("Guitar capo", 15m), ("Music stand", 35m), ("Digital keyboard", 259m), ("Harmonica", 29m), ("Headphone stand", 32m),
            ("Audio interface", 149m), ("Cable set", 19m),
        ]),
        new(new("home", "Home", 45, "Small things that make a room"), ["Hearth", "Linen & Loom", "Oakhaus"],
        [
            ("Table lamp", 79m), ("Wool throw", 89m), ("Scented candle", 24m), ("Ceramic vase", 45m), ("Linen cushion", 35m),
            ("Wall clock", 55m), ("Floor rug", 179m), ("Plant pot", 29m), ("Photo frames", 32m), ("Oak bookends", 27m),
            ("Storage baskets", 39m), ("Reading lamp", 99m), ("Bed linen set", 129m), ("Doormat", 25m), ("Round mirror", 119m),
            ("Stone coasters", 18m), ("Room diffuser", 34m),
        ]),
        new(new("games", "Games", 305, "Gather round the table"), ["Meeple Co", "Cardhouse", "Tabletop"],
        [
            ("Strategy board game", 49m), ("Playing cards", 9m), ("Jigsaw puzzle", 24m), ("Chess set", 59m), ("Party game", 29m),
            ("Dice set", 14m), ("Cooperative game", 44m), ("Card game", 19m), ("Backgammon", 49m), ("Puzzle mat", 22m),
            ("Word game", 25m), ("Trivia game", 32m), ("First board game", 21m), ("Game night bundle", 79m), ("Sand timers", 8m),
            ("Escape room kit", 27m), ("Tile game", 34m),
        ]),
        new(new("photography", "Photography", 225, "Catch the light"), ["Aperture", "Lumen", "Focal"],
        [
            ("Mirrorless camera", 899m), ("Prime lens", 349m), ("Travel tripod", 119m), ("Camera bag", 79m), ("Memory card", 29m),
            ("Lens cleaning kit", 15m), ("Camera strap", 25m), ("Spare battery", 45m), ("Instant camera", 99m), ("Film rolls", 19m),
            ("Lens filters", 59m), ("Ring light", 49m), ("Photo printer", 149m), ("Remote shutter", 22m), ("Reflector", 35m),
            ("Photo album", 27m), ("Camera gimbal", 139m),
        ]),
    ];
}
