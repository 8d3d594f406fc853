package org.annexp2p.http.wire;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request's query parameters, decoded, with every value under a name (bypass repeats). */
record Query(Map<String, List<String>> values) {

    static Either<String, Query> parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (!raw.isEmpty()) {
            for (String pair : raw.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                Either<String, String> name = UrlText.decode(eq < 0 ? pair : pair.substring(0, eq), true);
                Either<String, String> value = UrlText.decode(eq < 0 ? "" : pair.substring(eq + 1), true);
                if (name.isLeft() || value.isLeft()) {
                    return Either.left(name.isLeft() ? name.getLeft() : value.getLeft());
                }
                values.merge(name.get(), List.of(value.get()), List::appendAll);
            }
        }
        return Either.right(new Query(values));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.empty());
    }

    /** The value of a parameter given at most once; Left when it repeats. */
    Either<String, Option<String>> single(String name) {
        List<String> all = all(name);
        return all.size() > 1 ? Either.left("parameter " + name + " given more than once") : Either.right(all.headOption());
    }

    Either<String, String> required(String name) {
        return single(name).flatMap(v -> v.toEither("missing parameter " + name));
    }
}
