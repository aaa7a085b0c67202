// The sample storefront: `dotnet run --project samples/Personalize.Storefront`, then open the URL it prints.
using Personalize.Storefront;

StorefrontHost.Build(args).Run();
