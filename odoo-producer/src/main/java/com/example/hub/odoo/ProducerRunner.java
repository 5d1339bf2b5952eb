package com.example.hub.odoo;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.topology.HubTopology;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of the producer: reads the options, publishes the events, prints one line per event and a summary, and
 * keeps the exit code for {@link org.springframework.boot.SpringApplication#exit}.
 */
@Component
class ProducerRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int ALL_CONFIRMED = 0;

    static final int NOT_CONFIRMED = 1;

    static final int INVALID_ARGUMENTS = 2;

    private final ProductEventFactory factory;

    private final ProductEventSender sender;

    private final ConnectionFactory connectionFactory;

    private final JsonMapper jsonMapper;

    private final ChannelRefusals channelRefusals;

    private volatile int exitCode;

    ProducerRunner(
            ProductEventFactory factory,
            ProductEventSender sender,
            ConnectionFactory connectionFactory,
            JsonMapper jsonMapper,
            ChannelRefusals channelRefusals) {
        this.factory = factory;
        this.sender = sender;
        this.connectionFactory = connectionFactory;
        this.jsonMapper = jsonMapper;
        this.channelRefusals = channelRefusals;
    }

    @Override
    public void run(ApplicationArguments args) {
        this.exitCode = execute(args);
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

    int execute(ApplicationArguments args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ProducerOptions options;
        try {
            options = ProducerOptions.from(args);
        } catch (IllegalArgumentException ex) {
            err.println("Invalid arguments: " + ex.getMessage());
            err.println(ProducerOptions.USAGE);
            return INVALID_ARGUMENTS;
        }
        if (options.help()) {
            out.println(ProducerOptions.USAGE);
            return ALL_CONFIRMED;
        }
        List<ProductEvent> events = this.factory.create(options);
        SendReport report = this.sender.send(events);
        for (SendReport.Outcome outcome : report.outcomes()) {
            String line = outcome.event().eventType().routingKey() + " "
                    + this.jsonMapper.writeValueAsString(outcome.event());
            if (outcome.confirmed()) {
                out.println("confirmed " + line);
            } else {
                err.println("NOT CONFIRMED (" + outcome.failure().reason() + ": "
                        + outcome.failure().getMessage() + ") " + line);
            }
        }
        String broker = this.connectionFactory.getHost() + ":" + this.connectionFactory.getPort() + ", virtual host '"
                + this.connectionFactory.getVirtualHost() + "'";
        if (report.allConfirmed()) {
            out.println("Published " + report.total() + " product event(s) to " + HubTopology.ODOO_EVENTS_EXCHANGE
                    + " on " + broker + ": all confirmed by the broker");
            return ALL_CONFIRMED;
        }
        PublishException unreachable = report.brokerUnreachable();
        if (unreachable != null) {
            BrokerRefusal refusal = BrokerRefusal.of(unreachable);
            String failure = refusal != null
                    ? "refused " + refusal.what(this.connectionFactory.getUsername()) + ": " + refusal.sentence()
                    : "cannot be reached (" + unreachable.getMessage() + ").";
            err.println("FAILED: the RabbitMQ broker at " + broker + " " + failure + " None of the " + report.total()
                    + " product event(s) was published.");
        } else {
            // a refusal that closed the channel before the events' confirms is known to the channel's listener only
            List<BrokerRefusal> refused = report.refusals().isEmpty() ? this.channelRefusals.all() : report.refusals();
            String refusals =
                    refused.stream().map(BrokerRefusal::replyText).distinct().collect(Collectors.joining("; "));
            err.println("FAILED: the broker at " + broker + " confirmed " + report.confirmed() + " of "
                    + report.total() + " product event(s) to " + HubTopology.ODOO_EVENTS_EXCHANGE
                    + (refusals.isEmpty() ? "" : "; it refused them: " + refusals)
                    + "; the others must be considered not published.");
        }
        return NOT_CONFIRMED;
    }
}
