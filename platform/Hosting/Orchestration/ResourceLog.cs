namespace Aspire.Hosting.Orchestration;

public sealed record LogLine(DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>A resource's console output: the last lines kept for the dashboard and tests, echoed with the resource's name.</summary>
public sealed class ResourceLog(string resourceName, bool echo)
{
    private const int Capacity = 5000;
    private static readonly object ConsoleLock = new();
    private static readonly ConsoleColor[] Colors =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow];

    private readonly Queue<LogLine> _lines = new();
    private readonly ConsoleColor _color = Colors[(uint)StringComparer.Ordinal.GetHashCode(resourceName) % Colors.Length];

    public void Write(string text, bool isError)
    {
        lock (_lines)
        {
            _lines.Enqueue(new LogLine(DateTimeOffset.UtcNow, text, isError));
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
        if (echo)
        {
            lock (ConsoleLock)
            {
                Console.ForegroundColor = _color;
                Console.Write($"{resourceName,-14}| ");
                Console.ResetColor();
                Console.WriteLine(text);
            }
        }
    }

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
