package io.callbridge.archfixture.gamma;

import io.callbridge.archfixture.port.Port;

/** A provider nobody declared (not allowed: it would escape the provider rules). */
public class GammaClient implements Port {

}
