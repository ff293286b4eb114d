package io.callbridge.archfixture.alpha;

import io.callbridge.archfixture.beta.BetaClient;
import io.callbridge.archfixture.port.Port;

/** A declared provider that uses another provider (not allowed). */
public class AlphaClient implements Port {

	private final BetaClient other = new BetaClient();

	@Override
	public String toString() {
		return this.other.toString();
	}

}
