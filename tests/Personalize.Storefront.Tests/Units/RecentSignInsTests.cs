using Microsoft.Extensions.Time.Testing;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Tests.Units;

public sealed class RecentSignInsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_sign_in_sent_again_within_a_minute_gets_the_visitor_id_issued_the_first_time()
    {
        using var signIns = new RecentSignIns(_time);
        var issued = 0;

        var first = signIns.VisitorIdFor("guest-1", "ada@example.com", () => $"visitor-{++issued}");
        _time.Advance(TimeSpan.FromSeconds(59));
        var again = signIns.VisitorIdFor("guest-1", "ada@example.com", () => $"visitor-{++issued}");
        var otherAccount = signIns.VisitorIdFor("guest-1", "bob@example.com", () => $"visitor-{++issued}");

        Assert.Equal(("visitor-1", "visitor-1", "visitor-2"), (first, again, otherAccount));
    }

    [Fact]
    public void After_a_minute_or_the_accounts_erasure_a_sign_in_gets_a_new_visitor_id()
    {
        using var signIns = new RecentSignIns(_time);
        var issued = 0;
        signIns.VisitorIdFor("guest-1", "ada@example.com", () => $"visitor-{++issued}");
        signIns.VisitorIdFor("guest-2", "bob@example.com", () => $"visitor-{++issued}");

        signIns.Forget("bob@example.com");
        var bob = signIns.VisitorIdFor("guest-2", "bob@example.com", () => $"visitor-{++issued}");
        _time.Advance(TimeSpan.FromSeconds(61));
        var ada = signIns.VisitorIdFor("guest-1", "ada@example.com", () => $"visitor-{++issued}");

        Assert.Equal(("visitor-3", "visitor-4"), (bob, ada));
    }

    [Fact]
    public void A_quiet_server_lets_go_of_an_accounts_sign_in_within_two_minutes_without_another_sign_in()
    {
        using var signIns = new RecentSignIns(_time);
        signIns.VisitorIdFor("guest-1", "ada@example.com", () => "visitor-1");

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, signIns.Count);
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(0, signIns.Count);
    }
}
