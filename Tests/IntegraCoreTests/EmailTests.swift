import IntegraCore
import Testing

@Suite struct EmailTests {
    @Test(arguments: [
        ("olena.k@gmail.com", "olena.k@gmail.com"), ("  Olena.K@Gmail.COM ", "olena.k@gmail.com"),
        ("x@y.z", "x@y.z"), ("mailto:Jan@Example.pl", "jan@example.pl"), ("<jan@example.pl>", "jan@example.pl"),
        ("jan+kurs@poczta.onet.pl", "jan+kurs@poczta.onet.pl"), ("jan\u{200B}@wp.pl", "jan@wp.pl"),
    ])
    func normalises(text: String, email: String) {
        #expect(Email.normalise(text) == email)
    }

    @Test(arguments: [
        "", "olena.k@gmail", "olena.k.gmail.com", "@gmail.com", "olena@.com", "olena@gmail.", "a@b@c.pl",
        "olena k@gmail.com", "olena@gmail..com", "brak",
    ])
    func rejects(text: String) {
        #expect(Email.normalise(text) == nil)
    }
}
