package io.github.stereostation.models;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy a download goes through. Java's own proxy properties ({@code https.proxyHost}, {@code
 * http.proxyHost}, {@code java.net.useSystemProxies}) win and are applied by Java itself; without them the
 * {@code https_proxy} / {@code http_proxy} environment variables that curl and pip read are honoured, minus the
 * hosts in {@code no_proxy} and the loopback addresses.
 */
final class Proxies {
    private final Map<String, String> environment;

    Proxies(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The proxy to open this URL through; null = let Java decide (its properties, else a direct connection). */
    Proxy forUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (System.getProperty(scheme + ".proxyHost") != null || Boolean.getBoolean("java.net.useSystemProxies")) {
            return null;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (isLoopback(host) || excluded(host)) {
            return null;
        }
        String setting = env(scheme + "_proxy");
        if (setting == null || setting.isBlank()) {
            return null;
        }
        URI proxy = URI.create(setting.contains("://") ? setting : "http://" + setting);
        if (proxy.getHost() == null) {
            throw new IllegalArgumentException(scheme + "_proxy '" + setting + "' names no host");
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : 1080; // curl's default proxy port
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port));
    }

    private boolean excluded(String host) {
        String list = env("no_proxy");
        if (list == null) {
            return false;
        }
        for (String entry : list.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.equals("*")) {
                return true;
            }
            e = e.startsWith(".") ? e.substring(1) : e;
            if (!e.isEmpty() && (host.equals(e) || host.endsWith("." + e))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Lower case first, as curl does. */
    private String env(String name) {
        String v = environment.get(name);
        return v != null ? v : environment.get(name.toUpperCase(Locale.ROOT));
    }
}
