/* Reads files and runs libyaml's event loop over each, building nothing: the floor for
   parsing specs in any language. Usage: libyaml_parse FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char buf[4 << 20];

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) return 2;
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, buf, n);
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) return 1;
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
    }
    return events > 0 ? 0 : 1;
}
