package org.annexp2p.cli;

import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;
import picocli.CommandLine;

/** Turns a KEY argument (e.g. SHA256E-s12--a948...a447.txt, as `git annex lookupkey` prints) into a Key. */
final class KeyArgument implements CommandLine.ITypeConverter<Key> {
    @Override
    public Key convert(String value) {
        return Key.parse(WireText.ofUnicode(value)).getOrElseThrow(
                why -> new CommandLine.TypeConversionException("not a git-annex key: " + why));
    }
}
