namespace Personalize.Storefront.Tests.Hosting;

/// <summary>
/// README "The storefront on two servers": a bad <c>--redis</c> value's message repeats "only what is
/// surely a bare HOST:PORT of the addresses given, found after any user and password, even one holding
/// ',' or '=', never a user, password or option". StorefrontSettings.Redis says the same of a part
/// after an option ("a part after one may be the rest of its value (password=se,cret), so none of
/// those is shown"), but the exit-code-3 message (Redis did not answer) lists every endpoint
/// StackExchange.Redis parsed, the tail of the password included.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class RedisSettingSecretTests
{
    [Fact]
    public async Task A_password_holding_a_comma_is_not_repeated_when_redis_does_not_answer()
    {
        var port = Personalize.Sdk.Redis.Tests.TestSupport.FreePorts.OnLoopback();

        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--port=0", "--shoppers=0", "--redis", $"127.0.0.1:{port},password=se,cret");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("cret", output + errors, StringComparison.Ordinal);
    }
}
