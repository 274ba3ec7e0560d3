//! The size baseline for `cargo xtask bench`: one Yew function component with a counter.
use yew::prelude::*;

#[function_component(Counter)]
fn counter() -> Html {
    let count = use_state(|| 0_u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <button {onclick}>{ "+1" }</button>
            <p>{ *count }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
