// Loads compiled C# libraries (the generated client and its runtime) and runs the static initializer of
// every type they define, in a process of its own: what loading a generated client runs. Prints
// {"loaded": N, "assemblies": {...}} (types initialised, in all and per library) on success; on a failure,
// names the type on stderr and exits 1. Usage: mono Probe.exe LIBRARY.dll...
using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

public static class Probe
{
    private static readonly Dictionary<string, Assembly> Libraries = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Probe.exe LIBRARY.dll...");
            return 2;
        }
        // A library may reference another one given here from a directory of its own: resolve it by name.
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        List<Assembly> assemblies = new List<Assembly>();
        foreach (string path in args)
        {
            Assembly assembly = Assembly.LoadFrom(path);
            Libraries[assembly.GetName().Name] = assembly;
            assemblies.Add(assembly);
        }
        int total = 0;
        StringBuilder counts = new StringBuilder();
        foreach (Assembly assembly in assemblies)
        {
            int loaded = 0;
            foreach (Type type in TypesOf(assembly))
            {
                if (type.ContainsGenericParameters)
                {
                    continue; // an open generic type has no static initializer of its own to run
                }
                try
                {
                    RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine("initialising " + type.FullName + " failed: " + e);
                    return 1;
                }
                loaded++;
            }
            total += loaded;
            counts.Append(counts.Length == 0 ? "" : ", ").Append(Quoted(assembly.GetName().Name)).Append(": ").Append(loaded);
        }
        Console.WriteLine("{\"loaded\": " + total + ", \"assemblies\": {" + counts + "}}");
        return 0;
    }

    private static Type[] TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            foreach (Exception cause in e.LoaderExceptions)
            {
                Console.Error.WriteLine("loading a type of " + assembly.GetName().Name + " failed: " + cause);
            }
            throw;
        }
    }

    private static Assembly Resolve(object sender, ResolveEventArgs args)
    {
        Assembly found;
        return Libraries.TryGetValue(new AssemblyName(args.Name).Name, out found) ? found : null;
    }

    private static string Quoted(string text)
    {
        StringBuilder quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\')
            {
                quoted.Append('\\').Append(c);
            }
            else if (c < ' ' || c > '~')
            {
                quoted.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                quoted.Append(c);
            }
        }
        return quoted.Append('"').ToString();
    }
}
