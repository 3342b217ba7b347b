#ifndef AVISO_CLIBXML2_SHIM_H
#define AVISO_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* A libxml2 built with ICU makes encoding.h include the system <unicode/ucnv.h>, whose
   UErrorCode clashes with Foundation's bundled ICU (_FoundationICU) in any module that also
   imports Foundation. Swift never touches the converter structs that need ICU types (only
   pointers to them), so the ICU part of the headers is switched off here. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>

/// Parser options of the record reader: no network, no external DTD or entity loading (no
/// XML_PARSE_NOENT / DTDLOAD), compact text nodes, line numbers past 65535, and the encoding
/// declaration ignored (inputs are UTF-8; a declared legacy encoding would make libxml2 run a
/// converter whose errors bypass the per-reader error handler). XML_PARSE_HUGE is left out on
/// purpose so a single text node stays bounded by libxml2's default limits. With
/// `drop_layout_blanks`, white space libxml2 judges ignorable makes no text node
/// (XML_PARSE_NOBLANKS): only for documents whose blank text all lies between tags the reader
/// reads no value from (see XMLChunkSplitter), as the judgement also drops blanks between two
/// CDATA sections or child elements inside a value.
static inline int aviso_xml_reader_options(int drop_layout_blanks) {
    return XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC
        | (drop_layout_blanks ? XML_PARSE_NOBLANKS : 0);
}

/// The tree type of a node (XML_ELEMENT_NODE, XML_TEXT_NODE…), read straight from the node so
/// blank text is not classified through xmlTextReaderNodeType's xml:space ancestor walk.
static inline int aviso_xml_node_kind(const xmlNode *node) {
    return node == NULL ? 0 : (int)node->type;
}

/// The interned local name of an element node (namespace prefix excluded).
static inline const xmlChar *aviso_xml_node_name(const xmlNode *node) {
    return node->name;
}

/// The line of an element's start tag. libxml2 stores lines up to 65534 in the node itself;
/// past that (with XML_PARSE_BIG_LINES) only text nodes keep their line, in `psvi`. So the
/// first text inside the element is looked for among the nodes the streaming reader has
/// already parsed (it usually starts on the tag's line); without one, the parser's own line is
/// used: the parser then stands just after the start tag, or at worst a chunk further.
static inline long aviso_xml_element_line(xmlTextReaderPtr reader, const xmlNode *node) {
    if (node->line > 0 && node->line < 65535) return node->line;
    const xmlNode *cur = node->children;
    for (int steps = 0; cur != NULL && steps < 64; steps++) {
        if (cur->type == XML_TEXT_NODE) {
            if (cur->line == 65535 && cur->psvi != NULL) return (long)(ptrdiff_t)cur->psvi;
            break;
        }
        cur = cur->children != NULL ? cur->children : cur->next;
    }
    return (long)xmlTextReaderGetParserLineNumber(reader);
}

/// The message, line and severity of a libxml2 error, without exposing the struct layout.
static inline const char *aviso_xml_error_message(const xmlError *error) {
    return error == NULL ? NULL : error->message;
}

/// See aviso_xml_error_message.
static inline int aviso_xml_error_line(const xmlError *error) {
    return error == NULL ? 0 : error->line;
}

/// See aviso_xml_error_message. 1 warning, 2 error, 3 fatal error (xmlErrorLevel).
static inline int aviso_xml_error_level(const xmlError *error) {
    return error == NULL ? 0 : (int)error->level;
}

/// Installs `handler` as the structured error handler of this one reader; no global state.
static inline void aviso_xml_reader_capture_errors(xmlTextReaderPtr reader,
                                                   void (*handler)(void *context, const xmlError *error),
                                                   void *context) {
    xmlTextReaderSetStructuredErrorHandler(reader, (xmlStructuredErrorFunc)handler, context);
}
#endif
