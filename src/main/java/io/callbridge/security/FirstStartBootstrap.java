package io.callbridge.security;

import java.security.SecureRandom;
import java.util.Base64;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCommand;
import io.callbridge.agents.AgentService;
import io.callbridge.agents.Agents;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start of a fresh install: creates the admin account (named "Administrator"
 * in the configured language), with the password from {@code CALLBRIDGE_ADMIN_PASSWORD}
 * or a generated one printed once to the log, and announces it
 * ({@link TenantAdminCreated}: the sandbox module gives the admin an extension so a call
 * can be simulated straight away). The admin is the default responsible agent (who gets
 * the missed calls of contacts nobody is responsible for) until an admin chooses another.
 */
@Component
class FirstStartBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);

	private final Tenants tenants;

	private final Agents agents;

	private final AgentService agentService;

	private final ApplicationEventPublisher events;

	private final AdminProperties admin;

	private final MessageSource messages;

	FirstStartBootstrap(Tenants tenants, Agents agents, AgentService agentService, ApplicationEventPublisher events,
			AdminProperties admin, MessageSource messages) {
		this.messages = messages;
		this.tenants = tenants;
		this.agents = agents;
		this.agentService = agentService;
		this.events = events;
		this.admin = admin;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		Tenant tenant = this.tenants.defaultTenant();
		if (this.agents.count() > 0) {
			return;
		}
		boolean generated = this.admin.password() == null || this.admin.password().isBlank();
		String password = generated ? generatePassword() : this.admin.password();
		Agent created = this.agentService.create(tenant.id(), new AgentCommand(this.admin.username(),
				this.admin.displayName(this.messages), null, Role.ADMIN, password, true, null));
		// Missed calls from contacts without a responsible agent go to the default
		// responsible: a fresh install has one from the start.
		this.agentService.setDefaultResponsible(tenant.id(), created.id());
		this.events.publishEvent(new TenantAdminCreated(tenant.id(), created.id()));
		if (generated) {
			log.warn("""

					=====================================================================
					 Callbridge first start: created the admin account
					   username: {}
					   password: {}
					 This password is shown only once. Set CALLBRIDGE_ADMIN_PASSWORD to
					 choose it yourself on a fresh install.
					=====================================================================""", this.admin.username(),
					password);
		}
		else {
			log.info("Created the admin account '{}' with the password from CALLBRIDGE_ADMIN_PASSWORD",
					this.admin.username());
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
