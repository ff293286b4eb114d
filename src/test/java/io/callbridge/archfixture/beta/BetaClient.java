package io.callbridge.archfixture.beta;

import io.callbridge.archfixture.port.Port;

/** A declared provider that is fine on its own. */
public class BetaClient implements Port {

}
