/**
 * git-annex's {@code p2p --pair} over Magic Wormhole: the pair data each side sends
 * ({@link org.annexp2p.session.pair.PairData}), the exchange ({@link org.annexp2p.session.pair.PairExchange}), the
 * tokens made of the halves ({@link org.annexp2p.session.pair.PairTokens}) and the rounds of linking that follow
 * ({@link org.annexp2p.session.pair.LinkRounds}). What the user reads and types stays with the front end.
 */
package org.annexp2p.session.pair;
