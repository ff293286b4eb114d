/**
 * The place for connectors to external CRMs (retailCRM first): the CRM port the core owns
 * lives in this package, and each connector is an application module of its own in
 * {@code io.callbridge.crm.<name>} with {@code inbound} (the CRM's calls into Callbridge:
 * click-to-call, status) and {@code outbound} (its API client: call events, call upload),
 * depending only on this port and the shared modules, never on another connector or a
 * telephony provider. Connectors consume the call facts {@code calls} publishes
 * ({@code CallRang} … {@code CallEnded}, {@code CallResultCorrected}) as module
 * listeners, so each push retries on its own. The port's types arrive with the first
 * connector; {@code ProviderModulesTests} already holds connectors to these rules.
 */
@NullMarked
package io.callbridge.crm;

import org.jspecify.annotations.NullMarked;
