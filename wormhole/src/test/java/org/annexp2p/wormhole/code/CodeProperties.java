package org.annexp2p.wormhole.code;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.wormhole.InvalidCodeException;

class CodeProperties {

    @Property(tries = 200)
    void generatedCodesParseBack(@ForAll @IntRange(min = 1, max = 999999) int nameplate,
                                 @ForAll @IntRange(min = 1, max = 6) int length) throws Exception {
        Code code = Code.generate(Integer.toString(nameplate), length);
        Code parsed = Code.parse(code.value());
        assertThat(parsed).isEqualTo(code);
        assertThat(parsed.nameplate()).isEqualTo(Integer.toString(nameplate));
        assertThat(code.value().split("-")).hasSize(length + 1);
    }

    @Property(tries = 100)
    void generatedCodesCompleteFromTheirPrefix(@ForAll @IntRange(min = 1, max = 99) int nameplate) throws Exception {
        Code code = Code.generate(Integer.toString(nameplate), 2);
        String typed = code.value().substring(0, code.value().length() - 2);
        assertThat(new CodeCompleter(2).complete(typed, java.util.List.of())).contains(code.value());
    }

    @Property(tries = 300)
    void arbitraryTextParsesOrIsATypedError(@ForAll String text) {
        try {
            Code code = Code.parse(text);
            assertThat(code.value()).doesNotContainAnyWhitespaces();
            assertThat(code.nameplate()).matches("[0-9]+");
        } catch (InvalidCodeException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void completionsExtendWhatWasTyped(@ForAll("partialCodes") String typed) throws Exception {
        for (String completion : new CodeCompleter(2).complete(typed, java.util.List.of("1", "12", "345"))) {
            assertThat(completion).startsWith(typed.substring(0, typed.lastIndexOf('-') + 1));
            if (!completion.endsWith("-")) {
                assertThat(Code.parse(completion).value()).isEqualTo(completion);
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> partialCodes() {
        return net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.strings().numeric().ofMaxLength(3),
                net.jqwik.api.Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMaxLength(25).map(w -> "7-" + w));
    }
}
