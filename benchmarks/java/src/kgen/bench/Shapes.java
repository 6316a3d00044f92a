package kgen.bench;

/** The one-line summary every decoder's shape() gives, so the run can check that they agree. */
final class Shapes {
  private Shapes() {}

  static String of(int items, String firstImage, String lastName) {
    return "items=" + items + " image[0]=" + firstImage + " name[-1]=" + lastName;
  }
}
