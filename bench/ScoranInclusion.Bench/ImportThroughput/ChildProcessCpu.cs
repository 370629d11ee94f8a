using System.Runtime.InteropServices;

namespace ScoranInclusion.Bench.ImportThroughput;

/// <summary>
/// The CPU time (user + system) of the child processes this process has started and that
/// have exited, as <c>getrusage(RUSAGE_CHILDREN)</c> counts it: the difference around one
/// child is that child's CPU time, a measure the other loads of a shared machine disturb much
/// less than wall time. Linux only; NaN elsewhere.
/// </summary>
internal static class ChildProcessCpu
{
    private const int RusageChildren = -1;

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return NativeMethods.getrusage(RusageChildren, out var usage) == 0
            ? usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6)
            : double.NaN;
    }

    // struct rusage on 64-bit Linux: two struct timeval, then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long Rest0, Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int getrusage(int who, out Rusage usage);
    }
}
