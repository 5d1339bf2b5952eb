package com.example.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on the loopback interface for servers that tests start themselves. */
final class LocalPorts {

    /** The ports RabbitMQ's CLI tools take for themselves: the server's distribution port plus 10000, and ten more. */
    private static final int CLI_PORT_RANGE = 11;

    private LocalPorts() {}

    /**
     * A port free now, outside the ranges RabbitMQ's command line tools may take: those of the broker on the default
     * ports (35672-35682) and of the given distribution ports.
     *
     * @param distributionPorts the distribution ports of nodes the caller runs
     * @return the port
     */
    static int free(int... distributionPorts) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = anyFree();
            if (!inCliRange(port, 25672) && !inCliRanges(port, distributionPorts)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port outside RabbitMQ's CLI port ranges after 50 attempts");
    }

    private static boolean inCliRanges(int port, int... distributionPorts) {
        for (int distributionPort : distributionPorts) {
            if (inCliRange(port, distributionPort) || port == distributionPort) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCliRange(int port, int distributionPort) {
        return port >= distributionPort + 10000 && port < distributionPort + 10000 + CLI_PORT_RANGE;
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Whether something accepts connections on a port of the loopback interface.
     *
     * @param port the port
     * @return {@code true} if a connection succeeded
     */
    static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
