package org.currents.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON the command line prints, through one shared mapper. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
