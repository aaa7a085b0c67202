using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace Personalize.Storefront.Scaling;

/// <summary>
/// The data-protection key ring in a Redis list, so that a cookie sealed by one server (the
/// account, antiforgery and notice cookies) opens on every other: a shopper signed in on one
/// server is signed in on all. Stored unencrypted, as with in-memory keys: a demo's Redis.
/// </summary>
internal sealed class RedisXmlRepository(IConnectionMultiplexer redis, RedisKey key) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. redis.GetDatabase().ListRange(key).Select(value => XElement.Parse((string)value!))];

    public void StoreElement(XElement element, string friendlyName) =>
        redis.GetDatabase().ListRightPush(key, element.ToString(SaveOptions.DisableFormatting));
}
