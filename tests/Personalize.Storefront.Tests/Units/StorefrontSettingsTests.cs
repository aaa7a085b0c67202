using Microsoft.Extensions.Configuration;
using Personalize.Storefront.Hosting;

namespace Personalize.Storefront.Tests.Units;

public sealed class StorefrontSettingsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_redis_setting_says_it_is_empty_and_how_to_go_without_redis(string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => StorefrontSettings.Redis(Settings(setting)));

        Assert.Equal("The setting 'redis' is empty: give a Redis server as HOST:PORT (for example 127.0.0.1:6379), or leave the setting out to keep everything in this server's memory.", error.Message);
    }

    /// <summary>A password may hold ',' and '=' (where the setting is split): the user and password are found before it is.</summary>
    [Theory]
    [InlineData("redis://alice:se,cret@127.0.0.1:6399", new[] { "se,cret", "cret" })]
    [InlineData("alice:pass=word@127.0.0.1:6399", new[] { "pass=word", "pass", "word" })]
    [InlineData("redis://alice:pa=ss,wxq@127.0.0.1:6399,password=x", new[] { "pa=ss", "wxq" })]
    public void A_redis_setting_with_a_user_and_password_repeats_neither_but_only_the_host_and_port(string setting, string[] secrets)
    {
        var error = Assert.Throws<InvalidSettingException>(() => StorefrontSettings.Redis(Settings(setting)));

        Assert.Equal("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not a URL or USER@HOST: give '127.0.0.1:6399', with a user and password as options (user=...,password=...).", error.Message);

        // What the message says of its own ("a user and password as options") is not the setting's.
        var repeated = error.Message.Replace("user and password", string.Empty, StringComparison.Ordinal).Replace("password=...", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", repeated, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, repeated, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redis://alice:12,34@cache")]
    [InlineData("redis://alice:se,cret@")]
    public void A_redis_url_without_a_host_and_port_after_its_user_repeats_nothing_of_it(string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => StorefrontSettings.Redis(Settings(setting)));

        Assert.Equal("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not a URL or USER@HOST: give the server's HOST:PORT, with a user and password as options (user=...,password=...).", error.Message);
    }

    /// <summary>A part after an option may be the rest of its value; StackExchange.Redis's words repeat the option.</summary>
    [Theory]
    [InlineData("127.0.0.1:6379,se:cret=1")]
    [InlineData("127.0.0.1:6379,pass=se,cret=1")]
    public void A_redis_setting_whose_options_are_not_read_shows_only_the_addresses_before_them(string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => StorefrontSettings.Redis(Settings(setting)));

        Assert.StartsWith("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not '127.0.0.1:6379,...'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Keyword", error.Message, StringComparison.Ordinal);
    }

    /// <summary>StackExchange.Redis would take the rest of a value holding ',' for a server, which a message naming the servers would repeat.</summary>
    [Theory]
    [InlineData("127.0.0.1:6379,password=se,cret")]
    [InlineData("127.0.0.1:6379,password=se,cret,ssl=false")]
    public void A_redis_setting_with_a_part_after_an_option_that_is_no_option_is_refused_without_repeating_it(string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => StorefrontSettings.Redis(Settings(setting)));

        Assert.StartsWith("The setting 'redis' must be a Redis server as HOST:PORT (for example 127.0.0.1:6379), not '127.0.0.1:6379,...': a part after an option is no option", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_setting_with_every_address_before_its_options_is_taken()
    {
        var options = StorefrontSettings.Redis(Settings("127.0.0.1:6379,127.0.0.1:6380,password=secret,ssl=false"));

        Assert.Equal(2, options!.EndPoints.Count);
        Assert.Equal("secret", options.Password);
    }

    private static IConfiguration Settings(string redis) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["redis"] = redis }).Build();
}
