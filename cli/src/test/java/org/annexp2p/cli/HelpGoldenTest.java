package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's and subcommand's --help, byte for byte as it was when its text was written in the annotations
 * (src/test/resources/help, written by that build): moving the text to resource bundles must not change a line.
 */
class HelpGoldenTest {
    static final List<Integer> WIDTHS = List.of(80, 120);
    /** One tree for all the cases: building it reflects over every command. */
    private static final List<CommandLine> COMMANDS = HelpTextTest.everyCommand();

    static Stream<Arguments> helpPages() {
        return COMMANDS.stream()
                .flatMap(cl -> WIDTHS.stream().map(w -> Arguments.of(cl.getCommandSpec().qualifiedName(), w)));
    }

    /** The file a command's help at {@code width} columns is kept in. */
    static String file(String qualifiedName, int width) {
        return "/help/" + qualifiedName.replace(' ', '_') + "." + width + ".txt";
    }

    @ParameterizedTest(name = "{0} --help at {1} columns")
    @MethodSource("helpPages")
    void helpIsAsItWas(String qualifiedName, int width) throws IOException {
        CommandLine command = COMMANDS.stream()
                .filter(cl -> cl.getCommandSpec().qualifiedName().equals(qualifiedName)).findFirst().orElseThrow();
        try (InputStream golden = HelpGoldenTest.class.getResourceAsStream(file(qualifiedName, width))) {
            assertThat(golden).as("golden help for %s", qualifiedName).isNotNull();
            assertThat(HelpTextTest.usage(command, width))
                    .isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
