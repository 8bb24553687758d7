// The default theme, course and site.yaml are embedded with include_dir!/include_str!;
// tell cargo to rebuild when they change.
fn main() {
    for p in ["themes", "content", "quizzes", "site.yaml"] {
        println!("cargo:rerun-if-changed={p}");
    }
}
