using Microsoft.Extensions.Configuration;
using Personalize.Storefront.Hosting;

namespace Personalize.Storefront.Tests.Hosting;

public sealed class ListenAddressesTests
{
    [Fact]
    public void Without_any_setting_the_store_listens_on_127_0_0_1_port_5080() =>
        Assert.Equal(5080, ListenAddresses.LoopbackPort(Settings()));

    [Fact]
    public void The_port_setting_picks_another_port_on_127_0_0_1() =>
        Assert.Equal(5099, ListenAddresses.LoopbackPort(Settings(("port", "5099"))));

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080")]
    public void Asp_net_core_address_settings_win_over_the_port(string key, string value) =>
        Assert.Null(ListenAddresses.LoopbackPort(Settings((key, value), ("port", "5099"))));

    [Theory]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    public void The_port_on_the_command_line_wins_over_the_http_ports(string key, string value) =>
        Assert.Equal(5099, ListenAddresses.LoopbackPort(Settings([(key, value)], "--port", "5099")));

    /// <summary>A platform's PORT (the environment, read as the setting <c>port</c>) does not move a container's ASPNETCORE_HTTP_PORTS to loopback.</summary>
    [Theory]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    public void A_port_from_the_environment_or_appsettings_does_not_win_over_the_http_ports(string key, string value) =>
        Assert.Null(ListenAddresses.LoopbackPort(Settings((key, value), ("port", "8080"))));

    [Theory]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    public void Without_the_port_the_http_ports_say_where_as_in_a_container(string key, string value) =>
        Assert.Null(ListenAddresses.LoopbackPort(Settings((key, value))));

    [Theory]
    [InlineData("http")]
    [InlineData("-1")]
    [InlineData("65536")]
    public void A_port_that_is_no_port_number_is_a_setting_error_that_names_it(string port)
    {
        var error = Assert.Throws<InvalidSettingException>(() => ListenAddresses.LoopbackPort(Settings(("port", port))));

        Assert.Equal($"The setting 'port' must be a whole number from 0 to 65535, not '{port}'.", error.Message);
    }

    [Theory]
    [InlineData]
    [InlineData("port", "5099")]
    public void When_the_store_chose_the_address_a_busy_one_advises_another_port(params string[] setting) =>
        Assert.StartsWith("Pass --port N", ListenAddresses.BusyAdvice(Settings(setting.Length == 0 ? [] : [(setting[0], setting[1])])), StringComparison.Ordinal);

    [Fact]
    public void When_urls_on_the_command_line_chose_the_address_a_busy_one_advises_changing_them_not_the_port()
    {
        var advice = ListenAddresses.BusyAdvice(Settings([], "--urls", "http://127.0.0.1:8080", "--port", "5099"));

        Assert.StartsWith("The address comes from --urls: change it there", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass --port", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void When_urls_from_a_settings_file_chose_the_address_a_busy_one_names_the_urls_setting() =>
        Assert.StartsWith("The address comes from the urls setting", ListenAddresses.BusyAdvice(Settings(("urls", "http://0.0.0.0:8080"))), StringComparison.Ordinal);

    [Fact]
    public void When_kestrel_endpoints_chose_the_address_a_busy_one_names_them_over_the_urls()
    {
        var advice = ListenAddresses.BusyAdvice(Settings(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080"), ("urls", "http://0.0.0.0:8081")));

        Assert.StartsWith("The address comes from the Kestrel:Endpoints settings: change it there", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass --port", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_http_ports_chose_the_port_a_busy_one_names_them_and_the_port_that_wins_over_them() =>
        Assert.Equal(
            "The port comes from ASPNETCORE_HTTP_PORTS: change it there, or pass --port N to listen on 127.0.0.1 instead.",
            ListenAddresses.BusyAdvice(Settings(("http_ports", "8080"))));

    private static IConfiguration Settings(params (string Key, string Value)[] settings) => Settings(settings, []);

    private static IConfiguration Settings((string Key, string Value)[] settings, params string[] commandLine) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .AddCommandLine(commandLine)
            .Build();
}
