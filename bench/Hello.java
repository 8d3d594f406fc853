/** The bare-JVM baseline for start-up time: prints one line and exits. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("AUTH-SUCCESS hello");
    }
}
