// The hot path's stack buffers (a phone number's digits, a domain's dot positions) are always
// written before they are read: the runtime need not zero them first.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
