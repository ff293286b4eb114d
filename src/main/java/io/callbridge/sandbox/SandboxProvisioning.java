package io.callbridge.sandbox;

import java.util.List;
import java.util.Map;

import io.callbridge.agents.AgentService;
import io.callbridge.security.TenantAdminCreated;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.TenantCreated;
import io.callbridge.tenants.Tenants;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives every tenant a built-in sandbox PBX account, so Callbridge works before any real
 * provider is connected: for the default tenant on every start (an install that predates
 * the sandbox gets one too), and when a tenant is created. A tenant's first admin gets
 * the sandbox's first extension, so a call can be simulated straight away.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SandboxProvisioning implements ApplicationRunner {

	/** The sandbox provider's key. */
	public static final String PROVIDER = "sandbox";

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	private final AgentService agents;

	SandboxProvisioning(TelephonyAccounts accounts, Tenants tenants, AgentService agents) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.agents = agents;
	}

	/** Returns the tenant's sandbox account, creating it when the tenant has none. */
	@Transactional
	public TelephonyAccount ensureSandbox(long tenantId) {
		return this.accounts.findFirst(tenantId, PROVIDER)
			.orElseGet(() -> this.accounts.create(tenantId, PROVIDER, "Sandbox PBX", true,
					Map.of(SandboxSettings.EXTENSIONS.key(), SandboxSettings.DEFAULT_EXTENSIONS), null));
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		ensureSandbox(this.tenants.defaultTenant().id());
	}

	@EventListener
	void on(TenantCreated event) {
		ensureSandbox(event.tenantId());
	}

	@EventListener
	void on(TenantAdminCreated event) {
		TelephonyAccount sandbox = ensureSandbox(event.tenantId());
		List<String> extensions = SandboxSettings.of(sandbox).extensions();
		if (!extensions.isEmpty()) {
			this.agents.assignExtension(event.tenantId(), event.agentId(), sandbox.id(), extensions.get(0));
		}
	}

}
