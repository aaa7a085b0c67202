using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Personalize.Storefront.Web;

/// <summary>
/// Keeps the data-protection keys (for the sign-in, antiforgery and notice cookies) in memory: the
/// demo writes nothing to disk, and a restart, which forgets every profile anyway, signs everyone out.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}
