using System;
using System.Collections.Generic;

namespace SigmaCompile.Catalog;

/// <summary>Keeps catalog lists read-only however they are handed in: an array is wrapped, so no caller can cast it back and change it.</summary>
internal static class ReadOnlyLists
{
    public static IReadOnlyList<T> Wrap<T>(IReadOnlyList<T> list, string name)
    {
        ArgumentNullException.ThrowIfNull(list, name);
        return list is T[] array ? Array.AsReadOnly(array) : list;
    }
}
