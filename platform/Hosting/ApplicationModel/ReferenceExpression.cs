using System.Runtime.CompilerServices;
using System.Text;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A value known as a manifest placeholder when publishing and as a real value when running.</summary>
public interface IValueProvider
{
    /// <summary>The manifest form, e.g. "{pg.bindings.tcp.port}".</summary>
    string ValueExpression { get; }

    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>Text with values inside, as in Aspire: <c>ReferenceExpression.Create($"Host={endpoint.Property(EndpointProperty.Host)}")</c>.</summary>
public sealed class ReferenceExpression : IValueProvider
{
    private readonly string _format;
    private readonly IReadOnlyList<IValueProvider> _values;

    private ReferenceExpression(string format, IReadOnlyList<IValueProvider> values)
    {
        _format = format;
        _values = values;
    }

    public string ValueExpression => string.Format(System.Globalization.CultureInfo.InvariantCulture, _format, [.. _values.Select(v => v.ValueExpression)]);

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var values = new object?[_values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await _values[i].GetValueAsync(cancellationToken);
        }
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, _format, values);
    }

    public static ReferenceExpression Create(in ExpressionInterpolatedStringHandler handler) => handler.Build();

    public static ReferenceExpression Literal(string value) => new(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), []);

    [InterpolatedStringHandler]
    public ref struct ExpressionInterpolatedStringHandler
    {
        private readonly StringBuilder _format;
        private readonly List<IValueProvider> _values;

        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _format = new StringBuilder(literalLength + (formattedCount * 4));
            _values = new List<IValueProvider>(formattedCount);
        }

        public readonly void AppendLiteral(string value) =>
            _format.Append(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

        public readonly void AppendFormatted(IValueProvider value)
        {
            _format.Append('{').Append(_values.Count).Append('}');
            _values.Add(value);
        }

        public readonly void AppendFormatted(string value) => AppendLiteral(value);

        internal readonly ReferenceExpression Build() => new(_format.ToString(), _values);
    }
}
