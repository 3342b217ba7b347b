#ifndef AVISO_ALLOCATOR_SETTINGS_H
#define AVISO_ALLOCATOR_SETTINGS_H

// Nothing to call: the target only defines jemalloc's options (see AllocatorSettings.c).

#endif
