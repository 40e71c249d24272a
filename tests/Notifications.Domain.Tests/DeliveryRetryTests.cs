using Assemblee.Notifications.Domain;

namespace Assemblee.Notifications.Domain.Tests;

public sealed class DeliveryRetryTests
{
    [Fact]
    public void Waits_double_from_the_first_up_to_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), DeliveryRetry.After(1));
        Assert.Equal(TimeSpan.FromSeconds(60), DeliveryRetry.After(2));
        Assert.Equal(TimeSpan.FromSeconds(240), DeliveryRetry.After(4));
        Assert.Equal(TimeSpan.FromHours(1), DeliveryRetry.After(12));
        Assert.Equal(TimeSpan.FromHours(1), DeliveryRetry.After(DeliveryRetry.MaxAttempts - 1));
        Assert.Equal(TimeSpan.FromSeconds(4), DeliveryRetry.After(3, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_last_attempt_gives_up()
    {
        Assert.Null(DeliveryRetry.After(DeliveryRetry.MaxAttempts));
        var total = Enumerable.Range(1, DeliveryRetry.MaxAttempts - 1).Sum(attempt => DeliveryRetry.After(attempt)!.Value.TotalHours);
        Assert.InRange(total, 24, 48);
    }

    [Theory]
    [InlineData("fr", "Convocation : Séance plénière de lancement, le 9 février 2027", "de 18:00 à 21:00")]
    [InlineData("en", "Convocation: Séance plénière de lancement, on 9 février 2027", "from 18:00 to 21:00")]
    public void The_built_in_convocation_renders_its_sample(string language, string subject, string times)
    {
        var rendered = DefaultTemplates.For("convocation", language).Render(MessageKinds.Convocation.Sample);

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains(times, rendered.Body.Replace('\n', ' '), StringComparison.Ordinal);
        Assert.Contains("https://assemblee.paris.fr/membres/preferences", rendered.Body, StringComparison.Ordinal);
    }
}
