static class Bench
{
    public static Task<int> Server(string[] args) => Task.FromResult(2);
    public static Task<int> Client(string[] args) => Task.FromResult(2);
}
