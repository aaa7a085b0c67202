// The sample storefront: `dotnet run --project samples/Personalize.Storefront`, then open the URL it prints.
using Personalize.Storefront;

return StorefrontHost.Run(args, Console.Error);
