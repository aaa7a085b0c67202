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

    private static IConfiguration Settings(params (string Key, string Value)[] settings) => Settings(settings, []);

    private static IConfiguration Settings((string Key, string Value)[] settings, params string[] commandLine) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .AddCommandLine(commandLine)
            .Build();
}
