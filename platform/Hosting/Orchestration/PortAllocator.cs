using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting.Orchestration;

internal static class PortAllocator
{
    /// <summary>A loopback port free at this moment (the OS picks it, so parallel runs rarely collide).</summary>
    public static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
