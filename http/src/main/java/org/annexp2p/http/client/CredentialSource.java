package org.annexp2p.http.client;

import io.vavr.control.Option;

/**
 * Where a client's HTTP Basic credentials come from: given up front (the environment), or asked for when the server
 * says it wants them (git's credential helpers), and told whether they worked, as git-annex tells git.
 */
public interface CredentialSource {

    /** What to send before the server asked. */
    Option<Credentials> upfront();

    /** What to send after a 401 to a request sent without credentials; none when there is nothing to ask. */
    Option<Credentials> ask();

    /** The credentials {@link #ask} gave were accepted. */
    void accepted(Credentials credentials);

    /** The credentials {@link #ask} gave were refused with 401. */
    void refused(Credentials credentials);

    /** What the user can do when the server wants credentials, for the one-line error. */
    String hint();

    /** Where the credentials came from, for the one-line error when they were refused. */
    String origin();

    /** Only these, from the environment, never asked for. */
    static CredentialSource fixed(Option<Credentials> credentials) {
        return new CredentialSource() {
            @Override
            public Option<Credentials> upfront() {
                return credentials;
            }

            @Override
            public Option<Credentials> ask() {
                return Option.none();
            }

            @Override
            public void accepted(Credentials c) {}

            @Override
            public void refused(Credentials c) {}

            @Override
            public String origin() {
                return "from " + Credentials.USER + " and " + Credentials.PASSWORD;
            }

            @Override
            public String hint() {
                return "set " + Credentials.USER + " and " + Credentials.PASSWORD;
            }
        };
    }
}
